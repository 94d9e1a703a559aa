// Locality-sensitive hashing over MinHash signatures (banding): signatures that agree on all rows
// of any one band land in a shared bucket, so near-duplicates are found without comparing all pairs.


export interface LshIndex<T> {
  /** The bucket keys of a signature: compute once, then add and look up with them. */
  keysOf(signature: Uint32Array): Uint32Array;
  add(value: T, keys: Uint32Array): void;
  remove(value: T, keys: Uint32Array): void;
  /**
   * Calls `visit` for every value sharing a bucket with `keys`, band by band, oldest first in each;
   * a value in several shared buckets is visited once per bucket (callers dedupe, cheaply).
   */
  forEachCandidate(keys: Uint32Array, visit: (value: T) => void): void;
  readonly size: number;
}

export interface LshOptions {
  readonly bands: number;
  readonly rows: number;
  /** A bucket holding more ids than this (boilerplate shared by many texts) drops its oldest. */
  readonly maxBucket?: number;
}

export function createLshIndex<T>({ bands, rows, maxBucket = 32 }: LshOptions): LshIndex<T> {
  // One table for all bands: each key hashes its band number in, so bands do not collide
  // (beyond chance, which only adds a candidate that the caller's check then rejects).
  // A bucket of one (most of them) is the value itself: no array per bucket per text.
  const table = new Map<number, T | T[]>();
  let size = 0;

  return {
    keysOf(signature) {
      if (signature.length < bands * rows) {
        throw new Error(`stories/lsh-index: signature has ${signature.length} values, bands need ${bands * rows}`);
      }
      const keys = new Uint32Array(bands);
      for (let b = 0; b < bands; b++) {
        let h = mix(0x12345678 ^ b);
        const start = b * rows;
        for (let r = 0; r < rows; r++) h = mix(h ^ (signature[start + r] ?? 0));
        // 30 bits: small integers are stored inline as Map keys (no boxed number per lookup).
        keys[b] = h & 0x3fffffff;
      }
      return keys;
    },
    add(value, keys) {
      for (const key of keys) {
        const bucket = table.get(key);
        if (bucket === undefined) table.set(key, value);
        else if (!Array.isArray(bucket)) table.set(key, [bucket, value]);
        else {
          // A full bucket (boilerplate shared by many texts) keeps the most recent ids.
          if (bucket.length >= maxBucket) bucket.shift();
          bucket.push(value);
        }
      }
      size++;
    },
    remove(value, keys) {
      for (const key of keys) {
        const bucket = table.get(key);
        if (bucket === undefined) continue;
        if (!Array.isArray(bucket)) {
          if (bucket === value) table.delete(key);
          continue;
        }
        const at = bucket.indexOf(value);
        if (at >= 0) bucket.splice(at, 1);
        if (bucket.length === 1) table.set(key, bucket[0] as T);
        else if (bucket.length === 0) table.delete(key);
      }
      size--;
    },
    forEachCandidate(keys, visit) {
      for (const key of keys) {
        const bucket = table.get(key);
        if (bucket === undefined) continue;
        if (!Array.isArray(bucket)) visit(bucket);
        else for (const value of bucket) visit(value);
      }
    },
    get size() {
      return size;
    },
  };
}

/** mix32 (minhash.ts) as a signed int, kept local: the hot loop above calls it 160 times a text. */
function mix(x: number): number {
  let t = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  t = Math.imul(t ^ (t >>> 15), 0x846ca68b | 0);
  return t ^ (t >>> 16);
}
