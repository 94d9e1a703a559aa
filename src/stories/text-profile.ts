// What the story clusterer keeps of an item's text: a MinHash signature of its body's word
// shingles (near-duplicates) and a term-frequency vector of its headline and lead (same event).

import { WordCursor } from '../text/word-cursor.ts';
import { splitWords } from '../text/words.ts';
import type { Word } from '../text/words.ts';
import { computeSignature, hashString, shingleWordHashes } from './minhash.ts';
import { STOPWORDS } from './stopwords.ts';
import { countTerms, termId } from './term-weights.ts';
import type { TermCounts } from './term-weights.ts';
import { sortedHas } from './sorted-has.ts';

/** Bumped whenever what a profile holds changes: remembered profiles of another version are rebuilt. */
export const PROFILE_VERSION = 1;

export interface TextProfile {
  /** Distinct shingles behind the signature (0 when the text has no words). */
  readonly shingleCount: number;
  readonly signature: Uint32Array;
  /** Headline and lead terms (stopwords removed, plurals reduced) with their weights. */
  readonly terms: TermCounts;
  /** The headline's terms and weights: the first place to look for the same event. */
  readonly titleTerms: TermCounts;
  /** True when the body gave no terms (a headline-only item): compare headlines alone. */
  readonly headlineOnly: boolean;
  /**
   * Hashes of the names a sentence-case headline capitalises mid-sentence ("Explosion in Lagos
   * kills five" → lagos); empty for Title Case headlines, where capitals say nothing.
   */
  readonly anchors: Uint32Array;
  /** Sorted hashes of every word of the headline and body (as far as it is read). */
  readonly vocabulary: Uint32Array;
}

/** What a remembered text keeps: the profile without its term counts (kept as weights instead). */
export type StoredProfile = Omit<TextProfile, 'terms'>;

export interface ProfileOptions {
  readonly seeds: Uint32Array;
  /** Words per shingle (default 3). */
  readonly shingleSize?: number;
}

/** Bodies are cut here before tokenising: copies are trimmed at the tail, the head carries the story. */
const MAX_BODY_CHARS = 1200;
/** Shingles come from the first words only: the signature costs shingles × hash functions. */
const MAX_SHINGLE_WORDS = 160;
/** A body this short (an RSS teaser) is shingled together with the headline. */
const MIN_BODY_WORDS = 25;
const LEAD_WORDS = 40;
const TITLE_WEIGHT = 2;

/** Word hashes of the text being profiled (reused: profiling is synchronous). */
let scratch = new Uint32Array(1024);
/** Shingle hashes of the text being profiled: only their count and signature are kept. */
const shingleScratch = new Uint32Array(MAX_SHINGLE_WORDS);

export function profileText(title: string, body: string, { seeds, shingleSize = 3 }: ProfileOptions): TextProfile {
  const titleTokens = splitWords(title);
  const text = body.length > MAX_BODY_CHARS ? body.slice(0, MAX_BODY_CHARS) : body;
  // Word hashes, headline first: shingles take the body (or, for a teaser, all of it). A word
  // needs at least one character and a separator, so the body has at most half its length + 1.
  const capacity = 2 * (titleTokens.length + (text.length >> 1) + 1); // room for country synonyms
  if (scratch.length < capacity) scratch = new Uint32Array(capacity * 2);
  const hashes = scratch;
  const occurrences: number[] = [];
  let n = 0;
  for (const word of titleTokens) {
    hashes[n++] = hashString(word.text);
    const id = termIdOf(word.text);
    if (id >= 0) for (let w = 0; w < TITLE_WEIGHT; w++) occurrences.push(id);
  }
  const titleOccurrences = occurrences.length;
  // One pass over the body: the lead's words become terms, the rest are only hashed (no strings).
  const cursor = new WordCursor(text);
  let bodyWords = 0;
  while (cursor.next()) {
    if (bodyWords < LEAD_WORDS) {
      const word = cursor.folded();
      hashes[n++] = hashString(word);
      const id = termIdOf(word);
      if (id >= 0) occurrences.push(id);
    } else hashes[n++] = hashFolded(cursor);
    bodyWords++;
  }
  const from = bodyWords >= MIN_BODY_WORDS ? titleTokens.length : 0;
  const shingles = shingleWordHashes(
    hashes.subarray(from, Math.min(n, from + MAX_SHINGLE_WORDS)),
    shingleSize,
    shingleScratch,
  );
  const all = Int32Array.from(occurrences);
  const titleTerms = countTerms(all.slice(0, titleOccurrences));
  const terms = countTerms(all);
  return {
    shingleCount: shingles.length,
    signature: computeSignature(shingles, seeds),
    terms,
    titleTerms,
    headlineOnly: terms.ids.length === titleTerms.ids.length,
    anchors: Uint32Array.from(findAnchors(title, titleTokens)),
    vocabulary: distinctSorted(hashes.subarray(0, addCountrySynonyms(hashes, n))),
  };
}

/** The term id of a folded word, or -1 for a stopword or a single character. */
function termIdOf(word: string): number {
  if (word.length < 2 || STOPWORDS.has(word)) return -1;
  return termId(reduceTerm(word));
}

/** hashString of the cursor's folded word, without building the string for ASCII words. */
function hashFolded(cursor: WordCursor): number {
  return cursor.ascii ? cursor.hash >>> 0 : hashString(cursor.folded());
}

/** Share of capitalised headline words above which the headline is Title Case. */
const TITLE_CASE_SHARE = 0.6;
const ACRONYM = /^(?:\p{Lu}\.?){2,}$/u;
const AFTER_BREAK = /[:;|–—-]\s*["'‘“]?$|["'‘“]$/u;

/** Hashes of one name per country spelt many ways: "UK", "Britain", "United Kingdom" are one name. */
const UK = hashString('united kingdom');
const US = hashString('united states');
const SYNONYMS: ReadonlyMap<string, number> = new Map([
  ['uk', UK],
  ['britain', UK],
  ['us', US], // "US" and "U.S." both fold to "us"
  ['usa', US],
  ['america', US],
]);
const H_UNITED = hashString('united');
const H_KINGDOM = hashString('kingdom');
const H_STATES = hashString('states');
const H_UK = hashString('uk');
const H_BRITAIN = hashString('britain');
const H_US = hashString('us');
const H_USA = hashString('usa');
const H_AMERICA = hashString('america');

/**
 * Appends the country name behind each spelling of it in hashes[0, n) ("britain", "united
 * kingdom" → UK) so a headline naming "UK" finds a text saying "Britain". Returns the new length.
 */
function addCountrySynonyms(hashes: Uint32Array, n: number): number {
  // Locals: module constants are re-checked on every access in a hot loop.
  const united = H_UNITED;
  const kingdom = H_KINGDOM;
  const states = H_STATES;
  const uk = H_UK;
  const britain = H_BRITAIN;
  const us = H_US;
  const usa = H_USA;
  const america = H_AMERICA;
  let end = n;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const h = hashes[i] ?? 0;
    if (h === uk || h === britain || (h === kingdom && previous === united)) hashes[end++] = UK;
    else if (h === us || h === usa || h === america || (h === states && previous === united)) hashes[end++] = US;
    previous = h;
  }
  return end;
}

/** The hash a headline name is looked up by: a country's one name, else the word's own hash. */
function anchorHash(words: readonly Word[], i: number): number {
  const text = words[i]?.text ?? '';
  const next = words[i + 1]?.text;
  const previous = words[i - 1]?.text;
  if (text === 'united' && (next === 'kingdom' || next === 'states')) return next === 'kingdom' ? UK : US;
  if ((text === 'kingdom' || text === 'states') && previous === 'united') return text === 'kingdom' ? UK : US;
  return SYNONYMS.get(text) ?? hashString(text);
}

function findAnchors(title: string, words: readonly Word[]): number[] {
  const long = words.filter((w) => w.text.length >= 4 && !STOPWORDS.has(w.text));
  if (long.length === 0 || long.filter((w) => w.capitalised).length / long.length > TITLE_CASE_SHARE) return [];
  const anchors: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === undefined || !word.capitalised || STOPWORDS.has(word.text) || /^\p{N}+$/u.test(word.text)) continue;
    // A sentence's first word is capitalised anyway; only an acronym there ("EU", "U.S.") is a name.
    const opensSentence = i === 0 || AFTER_BREAK.test(title.slice(0, word.start).trimEnd());
    if (opensSentence && !ACRONYM.test(word.raw)) continue;
    anchors.push(anchorHash(words, i));
  }
  return anchors;
}

/**
 * True when each text's headline names something the other text never mentions ("Lagos" against
 * "Beirut"): two events told in the same template, not one event.
 */
export function anchorsConflict(a: StoredProfile, b: StoredProfile): boolean {
  return hasMissing(a.anchors, b.vocabulary) && hasMissing(b.anchors, a.vocabulary);
}

function distinctSorted(values: Uint32Array): Uint32Array {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[n - 1]) values[n++] = values[i] ?? 0;
  // A copy, so the remembered text does not pin the larger buffer.
  return values.slice(0, n);
}

function hasMissing(anchors: Uint32Array, vocabulary: Uint32Array): boolean {
  for (const h of anchors) if (!sortedHas(vocabulary, h)) return true;
  return false;
}


/**
 * Folds plural endings so "attacks" meets "attack" and "cities" meets "city", and the common
 * transliterations of Slavic names so "Zelenskyy" and "Zelenskiy" meet "Zelensky".
 */
export function reduceTerm(word: string): string {
  if (word.length > 5 && (word.endsWith('yy') || word.endsWith('iy'))) return `${word.slice(0, -2)}y`;
  if (word.length <= 4 || !word.endsWith('s')) return word;
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  return word.slice(0, -1);
}
