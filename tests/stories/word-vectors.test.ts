import { describe, expect, it } from 'vitest';
import { hashString } from '../../src/stories/minhash.ts';
import { defaultWordVectors, meaningCosine, parseWordVectors, toMeaning, WORD_VECTORS_MAGIC } from '../../src/stories/word-vectors.ts';
import { createStoryIndex } from '../../src/stories/story-index.ts';

/** A word vector file of three 2-d words, as the builder writes it. */
function tinyFile(): Uint8Array {
  const words = [
    ['coal', 1, [127, 0]],
    ['embargo', 0.5, [0, 127]],
    ['ban', 0.5, [10, 127]],
  ] as const;
  const bytes = new Uint8Array(16 + words.length * (8 + 2));
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(WORD_VECTORS_MAGIC), 0);
  view.setUint32(4, words.length, true);
  view.setUint32(8, 2, true);
  for (const [i, [word, scale, vector]] of words.entries()) {
    view.setUint32(16 + 4 * i, hashString(word), true);
    view.setFloat32(16 + 4 * words.length + 4 * i, scale, true);
    view.setInt8(16 + 8 * words.length + 2 * i, vector[0]);
    view.setInt8(16 + 8 * words.length + 2 * i + 1, vector[1]);
  }
  return bytes;
}

describe('word vectors', () => {
  it('adds the scaled vector of a known word and nothing for an unknown one', () => {
    const vectors = parseWordVectors(tinyFile());
    const sum = new Float32Array(2);
    expect(vectors.add(sum, hashString('embargo'), 2)).toBe(true);
    expect(vectors.add(sum, hashString('tulip'), 1)).toBe(false);
    expect([...sum]).toEqual([0, 127]);
  });

  it('rejects a file of another format with one clear error', () => {
    const bytes = tinyFile();
    bytes[0] = 0x58;
    expect(() => parseWordVectors(bytes)).toThrow(/not a word vector file/);
    expect(() => parseWordVectors(tinyFile().subarray(0, 20))).toThrow(/not a word vector file/);
  });

  it('gives texts of one meaning in other words a higher meaning cosine than unrelated texts', () => {
    const index = createStoryIndex();
    const meaning = (title: string): Int8Array => index.profile(title, '').meaning;
    const coal = meaning('Brussels prepares ban on Russian coal');
    const sameNews = meaningCosine(coal, meaning('EU to propose embargo on Russian coal imports'));
    const otherNews = meaningCosine(coal, meaning('Tiger Woods says he intends to play the Masters'));
    expect(sameNews).toBeGreaterThan(0.85);
    expect(otherNews).toBeLessThan(sameNews - 0.2);
  });

  it('has no meaning for a text without known words, and for an index without vectors', () => {
    expect(toMeaning(new Float32Array(100)).length).toBe(0);
    expect(meaningCosine(new Int8Array(0), new Int8Array(100))).toBe(0);
    expect(createStoryIndex({ wordVectors: null }).profile('Brussels prepares ban on Russian coal', '').meaning.length).toBe(0);
    expect(defaultWordVectors().dimensions).toBe(100);
  });
});
