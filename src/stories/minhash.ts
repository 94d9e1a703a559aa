// MinHash over word shingles: a fixed-size signature whose agreement rate estimates the
// Jaccard similarity of two texts' shingle sets (Broder 1997), used for near-duplicate detection.

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
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

/** hashShingles over words already hashed with hashString (saves hashing them twice). */
export function shingleWordHashes(wordHashes: ArrayLike<number>, size: number): Uint32Array {
  if (wordHashes.length === 0) return new Uint32Array(0);
  const width = Math.min(size, wordHashes.length);
  const count = wordHashes.length - width + 1;
  const out = new Uint32Array(count);
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
  // Signed 32-bit arithmetic throughout (no conversion to doubles): flipping the sign bit maps
  // unsigned order onto signed order, so the minimum is the same value mix32 would give.
  const x = new Int32Array(shingles.buffer, shingles.byteOffset, n);
  let i = 0;
  // Four functions per pass: four independent running minimums in locals, one load per shingle.
  for (; i + 3 < k; i += 4) {
    const s0 = seeds[i] ?? 0;
    const s1 = seeds[i + 1] ?? 0;
    const s2 = seeds[i + 2] ?? 0;
    const s3 = seeds[i + 3] ?? 0;
    let m0 = SIGNED_MAX;
    let m1 = SIGNED_MAX;
    let m2 = SIGNED_MAX;
    let m3 = SIGNED_MAX;
    for (let s = 0; s < n; s++) {
      const v = x[s] ?? 0;
      const t0 = mixFlipped(v ^ s0);
      const t1 = mixFlipped(v ^ s1);
      const t2 = mixFlipped(v ^ s2);
      const t3 = mixFlipped(v ^ s3);
      if (t0 < m0) m0 = t0;
      if (t1 < m1) m1 = t1;
      if (t2 < m2) m2 = t2;
      if (t3 < m3) m3 = t3;
    }
    sig[i] = m0 ^ SIGN;
    sig[i + 1] = m1 ^ SIGN;
    sig[i + 2] = m2 ^ SIGN;
    sig[i + 3] = m3 ^ SIGN;
  }
  for (; i < k; i++) {
    const seed = seeds[i] ?? 0;
    let min = SIGNED_MAX;
    for (let s = 0; s < n; s++) {
      const t = mixFlipped((x[s] ?? 0) ^ seed);
      if (t < min) min = t;
    }
    sig[i] = min ^ SIGN;
  }
  return sig;
}

const SIGN = -0x80000000;
const SIGNED_MAX = 0x7fffffff;

/** mix32 with its sign bit flipped, as a signed int: ordered as mix32's unsigned results are. */
function mixFlipped(x: number): number {
  let t = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  t = Math.imul(t ^ (t >>> 15), 0x846ca68b | 0);
  return t ^ (t >>> 16) ^ SIGN;
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
