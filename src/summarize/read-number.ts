// Reads a stated count at a word: digits ("11", "5,000"), number words ("eleven",
// "twenty-three", "two dozen" = 24, "a dozen" = 12) or a vague quantity ("several", "dozens").
import type { TextWord } from './sentence-words.ts';

export type Count = { readonly value: number; readonly words: number } | { readonly value: 'vague'; readonly words: number };

const UNITS: ReadonlyMap<string, number> = new Map(Object.entries({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
}));
const TENS: ReadonlyMap<string, number> = new Map(Object.entries({
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
}));
const VAGUE = new Set(['several', 'dozens', 'scores', 'hundreds', 'thousands', 'many', 'numerous', 'some', 'few', 'multiple', 'countless', 'tens']);
/** Words before a count that do not change it: "at least 11", "more than 20". */
const HEDGES: readonly (readonly string[])[] = [
  ['at', 'least'], ['more', 'than'], ['fewer', 'than'], ['less', 'than'], ['as', 'many', 'as'], ['up', 'to'],
  ['an', 'estimated'], ['a', 'total', 'of'], ['over'], ['nearly'], ['almost'], ['about'], ['around'],
  ['approximately'], ['roughly'], ['some'], ['another'], ['a', 'further'], ['at', 'most'], ['only'], ['just'],
];

/** Skips hedge words at `at`; returns the index of the count itself. */
export function skipHedges(words: readonly TextWord[], at: number): number {
  let i = at;
  for (let again = true; again; ) {
    again = false;
    for (const h of HEDGES) {
      if (h.every((w, k) => words[i + k]?.text === w)) {
        // "some" is a hedge only before a count ("some 5,000"); alone it is vague.
        const after = words[i + h.length];
        if (h[0] === 'some' && (after === undefined || readExact(words, i + h.length) === null)) continue;
        i += h.length;
        again = true;
        break;
      }
    }
  }
  return i;
}

/** A count at `at` (after hedges were skipped), or null when there is none. */
export function readCount(words: readonly TextWord[], at: number): Count | null {
  const w = words[at];
  if (w === undefined) return null;
  if (VAGUE.has(w.text)) return { value: 'vague', words: 1 };
  return readExact(words, at);
}

function readExact(words: readonly TextWord[], at: number): { value: number; words: number } | null {
  const w = words[at];
  if (w === undefined) return null;
  const next = words[at + 1];
  if (/^\d+$/.test(w.text)) {
    if (/^\d+$/.test(w.raw) && w.raw.length === 4 && /^(?:19|20)\d\d$/.test(w.raw)) return null; // a year
    if (next?.gap === '.' && /^\d+$/.test(next.raw)) return null; // a decimal: "5.93"
    return { value: Number(w.text), words: 1 };
  }
  if (w.text === 'a' || w.text === 'one' || w.text === 'two' || w.text === 'half') {
    const dozen = w.text === 'half' ? (next?.text === 'a' && words[at + 2]?.text === 'dozen' ? 3 : 0) : next?.text === 'dozen' ? 2 : 0;
    if (dozen > 0) return { value: w.text === 'two' ? 24 : w.text === 'half' ? 6 : 12, words: dozen };
  }
  const unit = UNITS.get(w.text);
  const tens = TENS.get(w.text);
  let small: { value: number; words: number } | null = null;
  if (unit !== undefined) small = { value: unit, words: 1 };
  else if (tens !== undefined) {
    const ones = next !== undefined && /^[-\s]$/.test(next.gap) ? UNITS.get(next.text) : undefined;
    small = ones !== undefined && ones > 0 && ones < 10 ? { value: tens + ones, words: 2 } : { value: tens, words: 1 };
  } else if (w.text === 'a' && (next?.text === 'hundred' || next?.text === 'thousand')) small = { value: 1, words: 1 };
  if (small === null) return null;
  // "three hundred", "a thousand"
  const scale = words[at + small.words]?.text;
  if (scale === 'hundred') return { value: small.value * 100, words: small.words + 1 };
  if (scale === 'thousand') return { value: small.value * 1000, words: small.words + 1 };
  return w.text === 'a' ? null : small;
}
