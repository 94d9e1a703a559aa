// What the story clusterer keeps of an item's text: a MinHash signature of its body's word
// shingles (near-duplicates) and a term-frequency vector of its headline and lead (same event).

import { WordCursor } from '../text/word-cursor.ts';
import { splitWords } from '../text/words.ts';
import type { Word } from '../text/words.ts';
import { computeSignature, hashString, shingleWordHashes } from './minhash.ts';
import { wordForm } from './name-variants.ts';
import { STOPWORDS } from './stopwords.ts';
import { countTerms } from './term-weights.ts';
import { WORD_TERMS, wordSlot } from './word-terms.ts';
import { toMeaning } from './word-vectors.ts';
import type { WordVectors } from './word-vectors.ts';
import type { TermCounts } from './term-weights.ts';
import { sortedHas } from './sorted-has.ts';

/**
 * Bumped whenever what a profile holds changes: remembered profiles of another version are rebuilt.
 * 2: terms and headline names in one form per word (spellings, demonyms, verb endings), and the
 * vocabulary also holds those forms of the text's capitalised words.
 * 3: the meaning of headline and lead (word vectors), the years a headline names, and no headline
 * names taken from a byline after " | ".
 */
export const PROFILE_VERSION = 3;

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
  /** Weighted mean of the headline's and lead's word vectors, unit length in signed bytes (empty without vectors). */
  readonly meaning: Int8Array;
  /** Years (1900-2099) the headline names: "Reliving how Woods won the 1997 Masters". */
  readonly headlineYears: Uint16Array;
}

/** What a remembered text keeps: the profile without its term counts (kept as weights instead). */
export type StoredProfile = Omit<TextProfile, 'terms'>;

export interface ProfileOptions {
  readonly seeds: Uint32Array;
  /** Words per shingle (default 3). */
  readonly shingleSize?: number;
  /** Word vectors for the profile's meaning; none, no meaning. */
  readonly vectors?: WordVectors | null;
}

/** Bodies are cut here before tokenising: copies are trimmed at the tail, the head carries the story. */
const MAX_BODY_CHARS = 1200;
/** Shingles come from the first words only: the signature costs shingles × hash functions. */
const MAX_SHINGLE_WORDS = 160;
/** A body this short (an RSS teaser) is shingled together with the headline. */
const MIN_BODY_WORDS = 25;
const LEAD_WORDS = 40;

/** Word hashes of the text being profiled (reused: profiling is synchronous). */
let scratch = new Uint32Array(1024);
/** Shingle hashes of the text being profiled: only their count and signature are kept. */
const shingleScratch = new Uint32Array(MAX_SHINGLE_WORDS);

export function profileText(title: string, body: string, { seeds, shingleSize = 3, vectors = null }: ProfileOptions): TextProfile {
  const titleTokens = splitWords(title);
  const text = body.length > MAX_BODY_CHARS ? body.slice(0, MAX_BODY_CHARS) : body;
  // Word hashes, headline first: shingles take the body (or, for a teaser, all of it). A word
  // needs at least one character and a separator, so the body has at most half its length + 1.
  const capacity = 2 * (titleTokens.length + (text.length >> 1) + 1); // room for country synonyms
  if (scratch.length < capacity) scratch = new Uint32Array(capacity * 2);
  const hashes = scratch;
  const occurrences: number[] = [];
  /** Hashes of the one spelling of names written another way ("Kiev" → kyiv), for the vocabulary. */
  const spellings: number[] = [];
  const meaningSum = vectors === null ? null : new Float32Array(vectors.dimensions);
  let n = 0;
  for (const word of titleTokens) {
    const hash = hashString(word.text);
    hashes[n++] = hash;
    const slot = wordSlot(hash, word.text, () => word.raw);
    // Headline words count double in the meaning too.
    if (meaningSum !== null && (WORD_TERMS.id[slot] ?? -1) >= 0) vectors?.add(meaningSum, hash, 2);
    // Headline words count double.
    addTerms(slot, occurrences, spellings);
    addTerms(slot, occurrences, null);
  }
  const titleOccurrences = occurrences.length;
  // One pass over the body: the lead's words become terms, the rest are only hashed, but for
  // capitalised words, whose other spellings the vocabulary keeps.
  const cursor = new WordCursor(text);
  const rawWord = (): string => text.slice(cursor.start, cursor.end);
  let bodyWords = 0;
  /** Forms of the words the lead capitalises mid-sentence: names, for a Title Case headline. */
  const leadNames = new Set<number>();
  while (cursor.next()) {
    const hash = hashFolded(cursor);
    hashes[n++] = hash;
    if (bodyWords < LEAD_WORDS) {
      const slot = wordSlot(hash, cursor, rawWord);
      addTerms(slot, occurrences, spellings);
      if (meaningSum !== null && (WORD_TERMS.id[slot] ?? -1) >= 0) vectors?.add(meaningSum, hash, 1);
      if ((WORD_TERMS.id[slot] ?? -1) >= 0 && cursor.capitalised && !opensSentence(text, cursor.start)) {
        leadNames.add(WORD_TERMS.formHash[slot] ?? 0);
      }
    } else if (cursor.capitalised) {
      const slot = wordSlot(hash, cursor, rawWord);
      if (WORD_TERMS.respelt[slot] === 1) spellings.push(WORD_TERMS.formHash[slot] ?? 0);
    }
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
  const withSynonyms = addCountrySynonyms(hashes, n);
  const vocabulary = new Uint32Array(withSynonyms + spellings.length);
  vocabulary.set(hashes.subarray(0, withSynonyms));
  vocabulary.set(spellings, withSynonyms);
  return {
    shingleCount: shingles.length,
    signature: computeSignature(shingles, seeds),
    terms,
    titleTerms,
    headlineOnly: terms.ids.length === titleTerms.ids.length,
    anchors: Uint32Array.from(findAnchors(title, beforeByline(title, titleTokens), leadNames)),
    vocabulary: distinctSorted(vocabulary),
    meaning: meaningSum === null ? new Int8Array(0) : toMeaning(meaningSum),
    headlineYears: Uint16Array.from(headlineYears(titleTokens)),
  };
}

const YEAR = /^(?:19|20)\d\d$/;

function headlineYears(words: readonly Word[]): number[] {
  return words.filter((w) => YEAR.test(w.text)).map((w) => Number(w.text));
}

/**
 * True when one text's headline names a year at least two years before it was published ("the
 * 1997 Masters") that the other text never mentions: a look back, not the news of the day.
 */
export function yearsConflict(a: StoredProfile, aPublished: number, b: StoredProfile, bPublished: number): boolean {
  return pastYearMissing(a, aPublished, b) || pastYearMissing(b, bPublished, a);
}

function pastYearMissing(a: StoredProfile, published: number, b: StoredProfile): boolean {
  if (a.headlineYears.length === 0) return false;
  const now = new Date(published).getUTCFullYear();
  for (const year of a.headlineYears) {
    if (year < now - 1 && !sortedHas(b.vocabulary, hashString(String(year)))) return true;
  }
  return false;
}

/** Pushes a word's term ids, and its other spelling for the vocabulary (when `spellings` is given). */
function addTerms(slot: number, occurrences: number[], spellings: number[] | null): void {
  const id = WORD_TERMS.id[slot] ?? -1;
  if (id < 0) return;
  occurrences.push(id);
  const meaning = WORD_TERMS.meaning[slot] ?? -1;
  if (meaning >= 0) occurrences.push(meaning);
  if (spellings !== null && WORD_TERMS.respelt[slot] === 1) spellings.push(WORD_TERMS.formHash[slot] ?? 0);
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
  return SYNONYMS.get(text) ?? hashString(wordForm(text));
}

function findAnchors(title: string, words: readonly Word[], leadNames: ReadonlySet<number>): number[] {
  const long = words.filter((w) => w.text.length >= 4 && !STOPWORDS.has(w.text));
  if (long.length === 0) return [];
  if (long.filter((w) => w.capitalised).length / long.length > TITLE_CASE_SHARE) {
    // Title Case capitalises every word: the names are those the lead capitalises too.
    const names: number[] = [];
    for (let i = 0; i < words.length; i++) {
      if (STOPWORDS.has(words[i]?.text ?? '')) continue;
      const hash = anchorHash(words, i);
      if (leadNames.has(hash)) names.push(hash);
    }
    return names;
  }
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

/** The headline's words before a " | " that ends it with a byline or a section ("… quest | Andy Bull"). */
function beforeByline(title: string, words: readonly Word[]): readonly Word[] {
  const bar = title.lastIndexOf(' | ');
  return bar < 0 ? words : words.filter((w) => w.end <= bar);
}

/** True when the word at `start` opens a sentence (first of the text, or after . ! ? or a line break). */
function opensSentence(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text[i] ?? '';
    if (c === '\n' || c === '.' || c === '!' || c === '?') return true;
    if (c !== ' ' && c !== '"' && c !== '“' && c !== '‘' && c !== "'" && c !== '(') return false;
  }
  return true;
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
