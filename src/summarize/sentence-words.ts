// Words of one sentence for fact patterns: splitWords (src/text/words.ts) plus the characters
// between words (to see commas and hyphens), with digit groups rejoined ("5,000" is one word).
import { splitWords } from '../text/words.ts';
import type { Word } from '../text/words.ts';

export interface TextWord extends Word {
  /** The characters between the previous word and this one ('' for the first word). */
  readonly gap: string;
}

export function sentenceWords(text: string): TextWord[] {
  const out: TextWord[] = [];
  let prevEnd = 0;
  let last: TextWord | undefined;
  for (const w of splitWords(text)) {
    const gap = text.slice(prevEnd, w.start);
    prevEnd = w.end;
    // "5,000" and "1,200,000": a comma between digit groups of three is a thousands separator.
    if (last !== undefined && gap === ',' && /^\d{3}$/.test(w.raw) && /^\d{1,3}(?:,\d{3})*$/.test(last.raw)) {
      const raw = `${last.raw},${w.raw}`;
      last = { ...last, raw, text: raw.replaceAll(',', ''), end: w.end };
      out[out.length - 1] = last;
      continue;
    }
    last = { ...w, gap: out.length === 0 ? '' : gap };
    out.push(last);
  }
  return out;
}

/** True when nothing but spaces separates word i from the one before it. */
export function joinedBySpace(words: readonly TextWord[], i: number): boolean {
  const w = words[i];
  return w !== undefined && /^[ \t]+$/.test(w.gap);
}
