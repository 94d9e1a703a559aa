// What one word gives a text profile: its term id (in one form per word, see name-variants.ts),
// the hash of that form, and the term it stands for. Remembered by the word's hash, so repeated
// words (most of them) cost one Map lookup and build no string.

import type { WordCursor } from '../text/word-cursor.ts';
import { hashString } from './minhash.ts';
import { UNITED_STATES, isCountryUs, standsFor, wordForm } from './name-variants.ts';
import { STOPWORDS } from './stopwords.ts';
import { termId } from './term-weights.ts';

export interface WordTerms {
  /** Term id of the word's form, or -1 for a stopword or a single character. */
  readonly id: number;
  /** hashString of the form ("kiev" → hash of "kyiv"). */
  readonly formHash: number;
  /** True when the form is not the word as written. */
  readonly respelt: boolean;
  /** Term id of what the word stands for ("brussels" → eu), or -1. */
  readonly meaning: number;
}

const H_US = hashString('us');
const COUNTRY_US: WordTerms = { id: termId(UNITED_STATES), formHash: hashString(UNITED_STATES), respelt: true, meaning: -1 };
const PRONOUN_US: WordTerms = { id: -1, formHash: H_US, respelt: false, meaning: -1 };

const remembered = new Map<number, WordTerms>();
const MAX_REMEMBERED = 50_000;

/**
 * The terms of the folded word whose hashString is `hash`; `word` gives the folded word when it
 * is not remembered yet. `raw` (as written) tells the country "US" from the pronoun "us".
 */
export function wordTerms(hash: number, word: string | WordCursor, raw: () => string): WordTerms {
  if (hash === H_US) return isCountryUs(raw()) ? COUNTRY_US : PRONOUN_US;
  let terms = remembered.get(hash);
  if (terms === undefined) {
    terms = termsOf(typeof word === 'string' ? word : word.folded());
    // Forgotten all at once past the bound: simpler than an LRU, and words come back quickly.
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(hash, terms);
  }
  return terms;
}

function termsOf(word: string): WordTerms {
  const form = wordForm(word);
  const meaning = standsFor(word);
  return {
    id: word.length < 2 || STOPWORDS.has(word) ? -1 : termId(form),
    formHash: hashString(form),
    respelt: form !== word,
    meaning: meaning === null ? -1 : termId(meaning),
  };
}
