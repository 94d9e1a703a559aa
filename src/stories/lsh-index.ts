// Locality-sensitive hashing over MinHash signatures (banding): signatures that agree on all rows
// of any one band land in a shared bucket, so near-duplicates are found without comparing all pairs.
// Texts filed in one go (a resume: 20,000 texts make 800,000 bucket entries) sit in a sorted array
// found by binary search, built without a Map operation per entry; texts added one by one after
// that sit in a Map of buckets.

import { keyOrder } from './key-order.ts';

export interface LshIndex<T> {
  /** The bucket keys of a signature: compute once, then add and look up with them. */
  keysOf(signature: Uint32Array): Uint32Array;
  add(value: T, keys: Uint32Array): void;
  /**
   * add() for each value in order, built in one pass (a resume): the same buckets, except that a
   * bucket past maxBucket keeps the newest of these values even where one-by-one adds and removes
   * would have let a since-removed value push out an older one.
   */
  addAll(values: readonly T[], keys: readonly Uint32Array[]): void;
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
  // The part filed by addAll: keys ascending (entries of one key oldest first) and their values
  // (undefined once removed). Its entries are older than any in `table`.
  let staticKeys = new Uint32Array(0);
  let staticValues: (T | undefined)[] = [];
  let size = 0;

  /** Index of the first static entry of `key`, or of the first with a larger key. */
  function staticStart(key: number): number {
    let lo = 0;
    let hi = staticKeys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((staticKeys[mid] ?? 0) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Removes the oldest static entry of `key` (holding `value`, when given); true when one was. */
  function removeStatic(key: number, value: T | undefined): boolean {
    for (let i = staticStart(key); i < staticKeys.length && staticKeys[i] === key; i++) {
      const held = staticValues[i];
      if (held === undefined || (value !== undefined && held !== value)) continue;
      staticValues[i] = undefined;
      return true;
    }
    return false;
  }

  function countStatic(key: number): number {
    let count = 0;
    for (let i = staticStart(key); i < staticKeys.length && staticKeys[i] === key; i++) if (staticValues[i] !== undefined) count++;
    return count;
  }

  function add(value: T, keys: Uint32Array): void {
    for (const key of keys) {
      const bucket = table.get(key);
      const held = bucket === undefined ? 0 : Array.isArray(bucket) ? bucket.length : 1;
      // A full bucket (boilerplate shared by many texts) drops its oldest: static entries first.
      const full = held + (staticKeys.length === 0 ? 0 : countStatic(key)) >= maxBucket;
      const dropStatic = full && staticKeys.length > 0 && removeStatic(key, undefined);
      if (bucket === undefined) table.set(key, value);
      else if (!Array.isArray(bucket)) table.set(key, full && !dropStatic ? value : [bucket, value]);
      else {
        if (full && !dropStatic) bucket.shift();
        bucket.push(value);
      }
    }
    size++;
  }

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
    add,
    addAll(all, keysOf) {
      if (size > 0 || staticKeys.length > 0) {
        for (const [i, value] of all.entries()) add(value, keysOf[i] ?? new Uint32Array(0));
        return;
      }
      let total = 0;
      for (const keys of keysOf) total += keys.length;
      // Every entry's key, then the order that groups each bucket's entries, oldest first.
      const entryKeys = new Uint32Array(total);
      const valueAt = new Int32Array(total);
      let n = 0;
      for (let v = 0; v < all.length; v++) {
        const keys = keysOf[v] ?? new Uint32Array(0);
        for (let b = 0; b < keys.length; b++) {
          entryKeys[n] = keys[b] ?? 0;
          valueAt[n++] = v;
        }
      }
      size += all.length;
      const order = keyOrder(entryKeys);
      // Each bucket keeps its newest maxBucket entries: skip an entry with maxBucket newer of its key.
      const kept: number[] = [];
      for (let j = 0; j < total; j++) {
        const later = j + maxBucket;
        if (later < total && entryKeys[order[later] ?? 0] === entryKeys[order[j] ?? 0]) continue;
        kept.push(order[j] ?? 0);
      }
      staticKeys = new Uint32Array(kept.length);
      staticValues = new Array<T | undefined>(kept.length);
      for (const [k, i] of kept.entries()) {
        staticKeys[k] = entryKeys[i] ?? 0;
        staticValues[k] = all[valueAt[i] ?? 0];
      }
    },
    remove(value, keys) {
      for (const key of keys) {
        const bucket = table.get(key);
        if (bucket === undefined) {
          if (staticKeys.length > 0) removeStatic(key, value);
          continue;
        }
        if (!Array.isArray(bucket)) {
          if (bucket === value) table.delete(key);
          else if (staticKeys.length > 0) removeStatic(key, value);
          continue;
        }
        const at = bucket.indexOf(value);
        if (at >= 0) bucket.splice(at, 1);
        else if (staticKeys.length > 0) removeStatic(key, value);
        if (bucket.length === 1) table.set(key, bucket[0] as T);
        else if (bucket.length === 0) table.delete(key);
      }
      size--;
    },
    forEachCandidate(keys, visit) {
      for (const key of keys) {
        if (staticKeys.length > 0) {
          for (let i = staticStart(key); i < staticKeys.length && staticKeys[i] === key; i++) {
            const value = staticValues[i];
            if (value !== undefined) visit(value);
          }
        }
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
