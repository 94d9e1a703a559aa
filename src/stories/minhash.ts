// MinHash over word shingles: a fixed-size signature whose agreement rate estimates the
// Jaccard similarity of two texts' shingle sets (Broder 1997), used for near-duplicate detection.
import { FNV_OFFSET, fnv1a } from '../text/fnv.ts';

/** 32-bit FNV-1a of a string's UTF-16 code units, unsigned. */
export function hashString(text: string, seed = FNV_OFFSET): number {
  return fnv1a(text, seed) >>> 0;
}

/** A strong 32-bit integer mix ("lowbias32"): every input bit affects every output bit. */
export function mix32(x: number): number {
  let t = x >>> 0;
  t = Math.imul(t ^ (t >>> 16), 0x7feb352d);
  t = Math.imul(t ^ (t >>> 15), 0x846ca68b);
  return (t ^ (t >>> 16)) >>> 0;
}

/**
 * The distinct hashes of the `size`-word shingles of `words` (sorted ascending).
 * A text shorter than `size` words yields one shingle of all its words; no words, no shingles.
 */
export function hashShingles(words: readonly string[], size: number): Uint32Array {
  return shingleWordHashes(words.map((w) => hashString(w)), size);
}

/**
 * hashShingles over words already hashed with hashString (saves hashing them twice). With `into`
 * (at least as long as wordHashes), the result is a view of it: no allocation per text.
 */
export function shingleWordHashes(wordHashes: ArrayLike<number>, size: number, into?: Uint32Array): Uint32Array {
  if (wordHashes.length === 0) return new Uint32Array(0);
  const width = Math.min(size, wordHashes.length);
  const count = wordHashes.length - width + 1;
  const out = into !== undefined && into.length >= count ? into.subarray(0, count) : new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x9e3779b9;
    for (let j = 0; j < width; j++) h = mix32(h ^ (wordHashes[i + j] ?? 0));
    out[i] = h;
  }
  out.sort();
  return dedupeSorted(out);
}

function dedupeSorted(values: Uint32Array): Uint32Array {
  if (values.length < 2) return values;
  let n = 1;
  for (let i = 1; i < values.length; i++) {
    if (values[i] !== values[n - 1]) values[n++] = values[i] ?? 0;
  }
  return values.subarray(0, n);
}

/** Per-function seeds, derived deterministically so signatures are comparable across runs. */
export function createSeeds(count: number): Uint32Array {
  const seeds = new Uint32Array(count);
  let state = 0x2545f491;
  for (let i = 0; i < count; i++) {
    state = mix32(state + 0x9e3779b9);
    seeds[i] = state;
  }
  return seeds;
}

/**
 * The MinHash signature of a shingle set: for each seed, the minimum of mix32(shingle ^ seed).
 * k independent hash functions, not one-permutation hashing: OPH is O(n + k) but its estimate
 * for a text of n < k shingles rests on ~n bins (a feed teaser's 20 shingles give a standard
 * error near 0.11), and short texts are common here. An empty set gives all 0xffffffff.
 */
export function computeSignature(shingles: Uint32Array, seeds: Uint32Array): Uint32Array {
  const k = seeds.length;
  const n = shingles.length;
  const sig = new Uint32Array(k);
  // One function at a time keeps the running minimum in a local (much faster than sig[i]).
  // Literal constants: module-level ones are re-checked on every access in this hot loop.
  for (let i = 0; i < k; i++) {
    const seed = seeds[i] ?? 0;
    let min = 0xffffffff;
    for (let s = 0; s < n; s++) {
      let t = (shingles[s] ?? 0) ^ seed;
      t = Math.imul(t ^ (t >>> 16), 0x7feb352d);
      t = Math.imul(t ^ (t >>> 15), 0x846ca68b);
      t = (t ^ (t >>> 16)) >>> 0;
      if (t < min) min = t;
    }
    sig[i] = min;
  }
  return sig;
}

/** Estimated Jaccard similarity: the share of signature positions that agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const k = Math.min(a.length, b.length);
  if (k === 0) return 0;
  let equal = 0;
  for (let i = 0; i < k; i++) if (a[i] === b[i]) equal++;
  return equal / k;
}

/** Exact Jaccard similarity of two sorted, distinct hash arrays (as hashShingles returns). */
export function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

/**
 * Estimated containment of the smaller set in the larger, from a Jaccard estimate and the set
 * sizes: |A∩B| = J(|A|+|B|)/(1+J). A trimmed copy of a longer article has low Jaccard but
 * high containment.
 */
export function estimateContainment(jaccard: number, sizeA: number, sizeB: number): number {
  const smaller = Math.min(sizeA, sizeB);
  if (smaller === 0) return 0;
  const shared = (jaccard * (sizeA + sizeB)) / (1 + jaccard);
  return Math.min(1, shared / smaller);
}
