// Document frequencies of headline/lead terms over the texts the clusterer remembers, and the
// TF-IDF cosine between two weighted term vectors. Bounded: counts go down when texts are forgotten.
// Terms are 30-bit ids (hashes of the reduced word) in sorted typed arrays: no map per text.

import { hashString } from './minhash.ts';
import { sortedHas } from './sorted-has.ts';

/** A text's distinct term ids, ascending, with their counts (headline words count double). */
export interface TermCounts {
  readonly ids: Int32Array;
  readonly counts: Uint16Array;
}

export interface TermWeights {
  add(ids: Int32Array): void;
  remove(ids: Int32Array): void;
  /** Smoothed inverse document frequency: rare terms weigh more, unseen ones most. */
  idf(id: number): number;
  /** Number of texts containing the term. */
  df(id: number): number;
  /**
   * How much the terms two texts share say they are one story: the sum of the shared terms'
   * idf over the idf of a term no text has, so about 1 per rare shared word whatever the count
   * of texts remembered ("sprouse", "vanmoof"), less for common ones ("government").
   */
  sharedRarity(a: Int32Array, b: Int32Array): number;
  /**
   * How much of two headlines the other text repeats: the idf of each headline's terms found in
   * the other's headline or lead, over the idf of both headlines' terms (0 to 1). Rewrites of one
   * report keep its names and rare words while the wording around them changes.
   */
  headlineCoverage(aTitle: Int32Array, aAll: Int32Array, bTitle: Int32Array, bAll: Int32Array): number;
  /** TF-IDF weights of a text's terms with today's frequencies (kept with a remembered text). */
  weigh(terms: TermCounts): WeightedTerms;
  readonly documents: number;
}

export interface WeightedTerms {
  /** Term ids ascending, as in TermCounts. */
  readonly ids: Int32Array;
  readonly weights: Float32Array;
  readonly norm: number;
}

export interface Similarity {
  readonly cosine: number;
  readonly shared: number;
}

/**
 * The id of a (reduced) term: 30 bits, so ids are small integers as Map keys. Two terms sharing
 * an id (a few pairs among 100,000 live terms) only blur each other's frequencies.
 */
export function termId(term: string): number {
  return hashString(term) & 0x3fffffff;
}

/** Counts of term ids given one per occurrence (the array is sorted in place). */
export function countTerms(occurrences: Int32Array): TermCounts {
  occurrences.sort();
  let distinct = 0;
  for (let i = 0; i < occurrences.length; i++) if (i === 0 || occurrences[i] !== occurrences[i - 1]) distinct++;
  const ids = new Int32Array(distinct);
  const counts = new Uint16Array(distinct);
  let n = -1;
  for (let i = 0; i < occurrences.length; i++) {
    const id = occurrences[i] ?? 0;
    if (n < 0 || ids[n] !== id) ids[++n] = id;
    counts[n] = (counts[n] ?? 0) + 1;
  }
  return { ids, counts };
}

/**
 * Cosine of two weighted vectors. A remembered text keeps the weights of the day it was seen:
 * frequencies drift slowly, and re-weighing every candidate on every item would cost more.
 */
export function cosineOf(a: WeightedTerms, b: WeightedTerms): Similarity {
  if (a.norm === 0 || b.norm === 0) return { cosine: 0, shared: 0 };
  const ai = a.ids;
  const bi = b.ids;
  let i = 0;
  let j = 0;
  let dot = 0;
  let shared = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i] ?? 0;
    const y = bi[j] ?? 0;
    if (x === y) {
      dot += (a.weights[i] ?? 0) * (b.weights[j] ?? 0);
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return { cosine: dot / (a.norm * b.norm), shared };
}

/**
 * The smoothing count keeps a handful of texts from giving wild weights: with few documents every
 * term weighs about the same; with thousands, "government" weighs less than "kirkuk".
 */
const PRIOR_DOCUMENTS = 20;
/**
 * Rarity is measured against the idf an unseen word has among this many texts: while few texts
 * are remembered every word looks rare, and rarity must not make a young index bold.
 */
const MATURE_DOCUMENTS = 1000;

export function createTermWeights(): TermWeights {
  const counts = new Map<number, number>();
  let documents = 0;

  function idf(id: number): number {
    return Math.log((documents + PRIOR_DOCUMENTS) / ((counts.get(id) ?? 0) + 1));
  }

  return {
    add(ids) {
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      documents++;
    },
    remove(ids) {
      for (const id of ids) {
        const n = (counts.get(id) ?? 0) - 1;
        if (n > 0) counts.set(id, n);
        else counts.delete(id);
      }
      documents--;
    },
    idf,
    sharedRarity(a, b) {
      let i = 0;
      let j = 0;
      let sum = 0;
      while (i < a.length && j < b.length) {
        const x = a[i] ?? 0;
        const y = b[j] ?? 0;
        if (x === y) {
          sum += idf(x);
          i++;
          j++;
        } else if (x < y) i++;
        else j++;
      }
      return sum / Math.log(Math.max(documents, MATURE_DOCUMENTS) + PRIOR_DOCUMENTS);
    },
    headlineCoverage(aTitle, aAll, bTitle, bAll) {
      let found = 0;
      let total = 0;
      for (const [title, other] of [
        [aTitle, bAll],
        [bTitle, aAll],
      ] as const) {
        for (const id of title) {
          const w = idf(id);
          total += w;
          if (sortedHas(other, id)) found += w;
        }
      }
      return total === 0 ? 0 : found / total;
    },
    df(id) {
      return counts.get(id) ?? 0;
    },
    weigh({ ids, counts: tfs }) {
      const weights = new Float32Array(ids.length);
      let sum = 0;
      for (let i = 0; i < ids.length; i++) {
        const w = (tfs[i] ?? 0) * idf(ids[i] ?? 0);
        weights[i] = w;
        sum += w * w;
      }
      return { ids, weights, norm: Math.sqrt(sum) };
    },
    get documents() {
      return documents;
    },
  };
}
