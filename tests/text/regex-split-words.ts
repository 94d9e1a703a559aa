// The original regular-expression word splitter, kept as the plain reference the hand-written
// scanner in src/text/words.ts must agree with (words.test.ts).
import type { Word } from '../../src/text/words.ts';
import { foldText } from '../../src/text/fold.ts';

// A dotted abbreviation (two or more "letter." pairs), else a run of letters/digits/marks
// with an optional trailing possessive.
const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}\p{M}]+(?:['’][sS](?![\p{L}\p{N}]))?/gu;
const POSSESSIVE = /['’][sS]$/u;
const UPPER_START = /^\p{Lu}/u;

export function splitWordsByRegex(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const start = m.index;
    const stem = raw.includes('.') ? raw.replaceAll('.', '') : raw.replace(POSSESSIVE, '');
    const text = foldText(stem);
    // A run of combining marks alone folds to nothing: not a word.
    if (text !== '') words.push({ text, raw, start, end: start + raw.length, capitalised: UPPER_START.test(raw) });
  }
  return words;
}
