// What the story clusterer keeps of an item's text: a MinHash signature of its body's word
// shingles (near-duplicates) and a term-frequency vector of its headline and lead (same event).

import { splitFoldedWords, splitWords } from '../text/words.ts';
import type { Word } from '../text/words.ts';
import { computeSignature, hashString, shingleWordHashes } from './minhash.ts';
import { STOPWORDS } from './stopwords.ts';

export interface TextProfile {
  /** Distinct shingles behind the signature (0 when the text has no words). */
  readonly shingleCount: number;
  readonly signature: Uint32Array;
  /** Headline and lead terms (stopwords removed, plurals reduced) with their weights. */
  readonly terms: ReadonlyMap<string, number>;
  /** The headline's terms and weights: the first place to look for the same event. */
  readonly titleTerms: ReadonlyMap<string, number>;
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

export interface ProfileOptions {
  readonly seeds: Uint32Array;
  /** Words per shingle (default 3). */
  readonly shingleSize?: number;
}

/** Bodies are cut here before tokenising: copies are trimmed at the tail, the head carries the story. */
const MAX_BODY_CHARS = 1200;
const MAX_SHINGLE_WORDS = 300;
/** A body this short (an RSS teaser) is shingled together with the headline. */
const MIN_BODY_WORDS = 25;
const LEAD_WORDS = 40;
const TITLE_WEIGHT = 2;

export function profileText(title: string, body: string, { seeds, shingleSize = 3 }: ProfileOptions): TextProfile {
  const titleTokens = splitWords(title);
  const titleWords = titleTokens.map((w) => w.text);
  const bodyWords = splitFoldedWords(body.length > MAX_BODY_CHARS ? body.slice(0, MAX_BODY_CHARS) : body);
  // Word hashes, headline first: shingles take the body (or, for a teaser, all of it).
  const hashes = new Uint32Array(titleWords.length + bodyWords.length);
  titleWords.forEach((w, i) => (hashes[i] = hashString(w)));
  bodyWords.forEach((w, i) => (hashes[titleWords.length + i] = hashString(w)));
  const from = bodyWords.length >= MIN_BODY_WORDS ? titleWords.length : 0;
  const shingles = shingleWordHashes(hashes.subarray(from, from + MAX_SHINGLE_WORDS), shingleSize);
  const terms = new Map<string, number>();
  addTerms(terms, titleWords, TITLE_WEIGHT);
  const titleTerms = new Map(terms);
  addTerms(terms, bodyWords.slice(0, LEAD_WORDS), 1);
  return {
    shingleCount: shingles.length,
    signature: computeSignature(shingles, seeds),
    terms,
    titleTerms,
    headlineOnly: terms.size === titleTerms.size,
    anchors: Uint32Array.from(findAnchors(title, titleTokens), (w) => hashString(w)),
    vocabulary: hashes.sort(),
  };
}

/** Share of capitalised headline words above which the headline is Title Case. */
const TITLE_CASE_SHARE = 0.6;
const ACRONYM = /^(?:\p{Lu}\.?){2,}$/u;
const AFTER_BREAK = /[:;|–—-]\s*["'‘“]?$|["'‘“]$/u;

function findAnchors(title: string, words: readonly Word[]): string[] {
  const long = words.filter((w) => w.text.length >= 4 && !STOPWORDS.has(w.text));
  if (long.length === 0 || long.filter((w) => w.capitalised).length / long.length > TITLE_CASE_SHARE) return [];
  const anchors: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === undefined || !word.capitalised || STOPWORDS.has(word.text) || /^\p{N}+$/u.test(word.text)) continue;
    // A sentence's first word is capitalised anyway; only an acronym there ("EU", "U.S.") is a name.
    const opensSentence = i === 0 || AFTER_BREAK.test(title.slice(0, word.start).trimEnd());
    if (opensSentence && !ACRONYM.test(word.raw)) continue;
    anchors.push(word.text);
  }
  return anchors;
}

/**
 * True when each text's headline names something the other text never mentions ("Lagos" against
 * "Beirut"): two events told in the same template, not one event.
 */
export function anchorsConflict(a: TextProfile, b: TextProfile): boolean {
  return hasMissing(a.anchors, b.vocabulary) && hasMissing(b.anchors, a.vocabulary);
}

function hasMissing(anchors: Uint32Array, vocabulary: Uint32Array): boolean {
  for (const h of anchors) if (!sortedHas(vocabulary, h)) return true;
  return false;
}

function sortedHas(values: Uint32Array, x: number): boolean {
  let lo = 0;
  let hi = values.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = values[mid] ?? 0;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function addTerms(terms: Map<string, number>, words: readonly string[], weight: number): void {
  for (const word of words) {
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    const term = reduceTerm(word);
    terms.set(term, (terms.get(term) ?? 0) + weight);
  }
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
