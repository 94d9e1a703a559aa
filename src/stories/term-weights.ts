// Document frequencies of headline/lead terms over the texts the clusterer remembers, and the
// TF-IDF cosine between two weighted term vectors. Bounded: counts go down when texts are forgotten.

export interface TermWeights {
  add(terms: ReadonlyMap<string, number>): void;
  remove(terms: ReadonlyMap<string, number>): void;
  /** Smoothed inverse document frequency: rare terms weigh more, unseen ones most. */
  idf(term: string): number;
  /** Number of texts containing `term`. */
  df(term: string): number;
  /** TF-IDF weights of a text's terms with today's frequencies (kept with a remembered text). */
  weigh(terms: ReadonlyMap<string, number>): WeightedTerms;
  readonly documents: number;
}

export interface WeightedTerms {
  readonly weights: ReadonlyMap<string, number>;
  readonly norm: number;
}

export interface Similarity {
  readonly cosine: number;
  readonly shared: number;
}

/**
 * Cosine of two weighted vectors. A remembered text keeps the weights of the day it was seen:
 * frequencies drift slowly, and re-weighing every candidate on every item would cost more.
 */
export function cosineOf(a: WeightedTerms, b: WeightedTerms): Similarity {
  if (a.norm === 0 || b.norm === 0) return { cosine: 0, shared: 0 };
  const [small, large] = a.weights.size <= b.weights.size ? [a.weights, b.weights] : [b.weights, a.weights];
  let dot = 0;
  let shared = 0;
  for (const [term, w] of small) {
    const other = large.get(term);
    if (other !== undefined) {
      dot += w * other;
      shared++;
    }
  }
  return { cosine: dot / (a.norm * b.norm), shared };
}

/**
 * The smoothing count keeps a handful of texts from giving wild weights: with few documents every
 * term weighs about the same; with thousands, "government" weighs less than "kirkuk".
 */
const PRIOR_DOCUMENTS = 20;

export function createTermWeights(): TermWeights {
  const counts = new Map<string, number>();
  let documents = 0;

  function idf(term: string): number {
    return Math.log((documents + PRIOR_DOCUMENTS) / ((counts.get(term) ?? 0) + 1));
  }

  return {
    add(terms) {
      for (const term of terms.keys()) counts.set(term, (counts.get(term) ?? 0) + 1);
      documents++;
    },
    remove(terms) {
      for (const term of terms.keys()) {
        const n = (counts.get(term) ?? 0) - 1;
        if (n > 0) counts.set(term, n);
        else counts.delete(term);
      }
      documents--;
    },
    idf,
    df(term) {
      return counts.get(term) ?? 0;
    },
    weigh(terms) {
      const weights = new Map<string, number>();
      let sum = 0;
      for (const [term, tf] of terms) {
        const w = tf * idf(term);
        weights.set(term, w);
        sum += w * w;
      }
      return { weights, norm: Math.sqrt(sum) };
    },
    get documents() {
      return documents;
    },
  };
}
