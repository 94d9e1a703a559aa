// Word vectors for what a headline and lead mean beyond their words ("ban on Russian coal" near
// "embargo on coal imports"): GloVe 100-d vectors of the 50,000 most frequent English words, as
// signed bytes with a per-word scale (models/word-vectors.bin, built by
// bench/stories/build-word-vectors.ts). Read once, on first use: about 5 MB of memory.

import { readFileSync } from 'node:fs';

export interface WordVectors {
  readonly dimensions: number;
  /** Adds `times` the weighted vector of the word whose hashString is `hash`; false when unknown. */
  add(into: Float32Array, hash: number, times: number): boolean;
}

/** File layout: magic, u32 word count, u32 dimensions, u32 zero, u32 hashes, f32 scales, i8 vectors. */
export const WORD_VECTORS_MAGIC = 'WWV1';
export const OUTPUT_URL = new URL('../../models/word-vectors.bin', import.meta.url);

let loaded: WordVectors | undefined;

/** The shipped vectors, read on first call. */
export function defaultWordVectors(): WordVectors {
  loaded ??= parseWordVectors(readFileSync(OUTPUT_URL));
  return loaded;
}

export function parseWordVectors(bytes: Uint8Array): WordVectors {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  const count = bytes.length >= 16 ? view.getUint32(4, true) : 0;
  const dims = bytes.length >= 16 ? view.getUint32(8, true) : 0;
  if (magic !== WORD_VECTORS_MAGIC || dims === 0 || bytes.length !== 16 + count * (8 + dims)) {
    throw new Error('stories/word-vectors: models/word-vectors.bin is not a word vector file of this version');
  }
  // Hashes and scales copied (the file's bytes may be unaligned for them); the vectors, bytes
  // themselves, are read in place.
  const hashes = new Uint32Array(count);
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    hashes[i] = view.getUint32(16 + 4 * i, true);
    scales[i] = view.getFloat32(16 + 4 * count + 4 * i, true);
  }
  const vectors = new Int8Array(bytes.buffer, bytes.byteOffset + 16 + 8 * count, count * dims);
  // Open addressing by hash (no string per word): slot → word index + 1, 0 for empty.
  const size = 1 << Math.ceil(Math.log2(count * 2 + 1));
  const mask = size - 1;
  const keys = new Uint32Array(size);
  const slots = new Int32Array(size);
  for (let i = 0; i < count; i++) {
    const hash = hashes[i] ?? 0;
    let at = hash & mask;
    while (slots[at] !== 0 && keys[at] !== hash) at = (at + 1) & mask;
    keys[at] = hash;
    slots[at] = i + 1;
  }
  return {
    dimensions: dims,
    add(into, hash, times) {
      let at = hash & mask;
      for (;;) {
        const slot = slots[at] ?? 0;
        if (slot === 0) return false;
        if (keys[at] === hash) {
          const word = slot - 1;
          const scale = (scales[word] ?? 0) * times;
          const from = word * dims;
          for (let d = 0; d < dims; d++) into[d] = (into[d] ?? 0) + scale * (vectors[from + d] ?? 0);
          return true;
        }
        at = (at + 1) & mask;
      }
    },
  };
}

/** A sum of word vectors as a unit vector in signed bytes (empty when no word was known). */
export function toMeaning(sum: Float32Array): Int8Array {
  let max = 0;
  for (const x of sum) max = Math.max(max, Math.abs(x));
  if (max === 0) return new Int8Array(0);
  const meaning = new Int8Array(sum.length);
  for (let d = 0; d < sum.length; d++) meaning[d] = Math.round(((sum[d] ?? 0) / max) * 127);
  return meaning;
}

/** Cosine of two meanings; 0 when either is empty. */
export function meaningCosine(a: Int8Array, b: Int8Array): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < a.length; d++) {
    const x = a[d] ?? 0;
    const y = b[d] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
