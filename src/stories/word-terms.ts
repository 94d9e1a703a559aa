// What one word gives a text profile: its term id (in one form per word, see name-variants.ts),
// the hash of that form, and the term it stands for. Kept in a direct-mapped table by the word's
// hash, so a repeated word (most of them) costs one array probe and builds no string.

import type { WordCursor } from '../text/word-cursor.ts';
import { hashString } from './minhash.ts';
import { UNITED_STATES, isCountryUs, standsFor, wordForm } from './name-variants.ts';
import { STOPWORDS } from './stopwords.ts';
import { termId } from './term-weights.ts';

const SLOTS = 1 << 18;
/** Two extra slots past the table: "US" the country and "us" the pronoun. */
const COUNTRY_US = SLOTS;
const PRONOUN_US = SLOTS + 1;
const H_US = hashString('us');

/** A word's terms, read at the slot wordSlot returns (valid until the next call). */
export const WORD_TERMS = {
  /** The word's hash, or 0 for an empty slot. */
  hash: new Uint32Array(SLOTS + 2),
  /** Term id of the word's form, or -1 for a stopword or a single character. */
  id: new Int32Array(SLOTS + 2),
  /** hashString of the form ("kiev" → hash of "kyiv"). */
  formHash: new Uint32Array(SLOTS + 2),
  /** 1 when the form is not the word as written. */
  respelt: new Uint8Array(SLOTS + 2),
  /** Term id of what the word stands for ("brussels" → eu), or -1. */
  meaning: new Int32Array(SLOTS + 2),
};

fill(COUNTRY_US, H_US, termId(UNITED_STATES), hashString(UNITED_STATES), true, -1);
fill(PRONOUN_US, H_US, -1, H_US, false, -1);

/**
 * The slot of WORD_TERMS holding the terms of the folded word whose hashString is `hash`; `word`
 * gives the folded word when the slot holds another. `raw` (as written) tells the country "US"
 * from the pronoun "us".
 */
export function wordSlot(hash: number, word: string | WordCursor, raw: () => string): number {
  if (hash === H_US) return isCountryUs(raw()) ? COUNTRY_US : PRONOUN_US;
  const slot = hash & (SLOTS - 1);
  // A word whose hash is 0 is simply never remembered.
  if (WORD_TERMS.hash[slot] === hash && hash !== 0) return slot;
  const folded = typeof word === 'string' ? word : word.folded();
  const form = wordForm(folded);
  const meaning = standsFor(folded);
  const id = folded.length < 2 || STOPWORDS.has(folded) ? -1 : termId(form);
  fill(slot, hash, id, hashString(form), form !== folded, meaning === null ? -1 : termId(meaning));
  return slot;
}

function fill(slot: number, hash: number, id: number, formHash: number, respelt: boolean, meaning: number): void {
  WORD_TERMS.hash[slot] = hash;
  WORD_TERMS.id[slot] = id;
  WORD_TERMS.formHash[slot] = formHash;
  WORD_TERMS.respelt[slot] = respelt ? 1 : 0;
  WORD_TERMS.meaning[slot] = meaning;
}
