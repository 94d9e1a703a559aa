// Locality-sensitive hashing over MinHash signatures (banding): signatures that agree on all rows
// of any one band land in a shared bucket, so near-duplicates are found without comparing all pairs.

import { mix32 } from './minhash.ts';

export interface LshIndex {
  /** The bucket keys of a signature: compute once, then add and look up with them. */
  keysOf(signature: Uint32Array): Uint32Array;
  add(id: number, keys: Uint32Array): void;
  remove(id: number, keys: Uint32Array): void;
  /** Ids sharing at least one band bucket, each once, in order of first appearance. */
  candidates(keys: Uint32Array): number[];
  readonly size: number;
}

export interface LshOptions {
  readonly bands: number;
  readonly rows: number;
  /** A bucket holding more ids than this (boilerplate shared by many texts) stops growing. */
  readonly maxBucket?: number;
}

export function createLshIndex({ bands, rows, maxBucket = 128 }: LshOptions): LshIndex {
  // One table for all bands: each key hashes its band number in, so bands do not collide
  // (beyond chance, which only adds a candidate that the caller's check then rejects).
  const table = new Map<number, number[]>();
  let size = 0;

  return {
    keysOf(signature) {
      if (signature.length < bands * rows) {
        throw new Error(`stories/lsh-index: signature has ${signature.length} values, bands need ${bands * rows}`);
      }
      const keys = new Uint32Array(bands);
      for (let b = 0; b < bands; b++) {
        let h = mix32(0x12345678 ^ b);
        const start = b * rows;
        for (let r = 0; r < rows; r++) h = mix32(h ^ (signature[start + r] ?? 0));
        keys[b] = h;
      }
      return keys;
    },
    add(id, keys) {
      for (const key of keys) {
        const bucket = table.get(key);
        if (bucket === undefined) table.set(key, [id]);
        else if (bucket.length < maxBucket) bucket.push(id);
      }
      size++;
    },
    remove(id, keys) {
      for (const key of keys) {
        const bucket = table.get(key);
        if (bucket === undefined) continue;
        const at = bucket.indexOf(id);
        if (at >= 0) bucket.splice(at, 1);
        if (bucket.length === 0) table.delete(key);
      }
      size--;
    },
    candidates(keys) {
      const seen = new Set<number>();
      const out: number[] = [];
      for (const key of keys) {
        const bucket = table.get(key);
        if (bucket === undefined) continue;
        for (const id of bucket) {
          if (!seen.has(id)) {
            seen.add(id);
            out.push(id);
          }
        }
      }
      return out;
    },
    get size() {
      return size;
    },
  };
}
