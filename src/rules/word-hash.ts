// An open-addressing hash table over a TermTable's words, probed with a hash computed straight
// from an article's characters (lower-cased on the fly), so looking a word up allocates nothing.
// Hashes, ids and characters sit in flat typed arrays: a probe touches few cache lines.
import type { WordCursor } from '../text/word-cursor.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/** FNV-1a over UTF-16 code units (as a signed 32-bit integer). */
export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

export class WordHash {
  /** Pairs (hash, id + 1); id + 1 = 0 marks an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Characters of all words, word id at offsets[id] .. offsets[id + 1]. */
  private readonly pool: Uint16Array;
  private readonly offsets: Int32Array;
  /** One bit per hash value (mod its size): a small, cache-resident "certainly absent" test. */
  private readonly filter: Uint32Array;
  private readonly filterMask: number;

  /** `words[id]` is the word of entry id. */
  constructor(words: readonly string[]) {
    let size = 16;
    while (size < words.length * 2) size *= 2;
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
    this.offsets = new Int32Array(words.length + 1);
    let total = 0;
    words.forEach((w, id) => {
      this.offsets[id] = total;
      total += w.length;
    });
    this.offsets[words.length] = total;
    this.pool = new Uint16Array(total);
    let bits = 1 << 12;
    while (bits < words.length * 8) bits *= 2;
    this.filter = new Uint32Array(bits / 32);
    this.filterMask = bits - 1;
    words.forEach((word, id) => {
      const at0 = this.offsets[id] as number;
      for (let i = 0; i < word.length; i++) this.pool[at0 + i] = word.charCodeAt(i);
      const h = hashWord(word);
      const bit = h & this.filterMask;
      this.filter[bit >>> 5] = (this.filter[bit >>> 5] as number) | (1 << (bit & 31));
      let at = h & this.mask;
      while (this.slots[at * 2 + 1] !== 0) at = (at + 1) & this.mask;
      this.slots[at * 2] = h;
      this.slots[at * 2 + 1] = id + 1;
    });
  }

  /** The entry id of the cursor's current word, or -1. Non-ASCII words are folded to a string first. */
  find(cursor: WordCursor): number {
    if (!cursor.ascii) return this.findString(cursor.folded());
    const text = cursor.text;
    const start = cursor.start;
    const end = cursor.stemEnd;
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), FNV_PRIME);
    }
    h |= 0;
    const bit = h & this.filterMask;
    if (((this.filter[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return -1;
    const { slots, mask, pool, offsets } = this;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const id = (slots[at * 2 + 1] as number) - 1;
      if (id < 0) return -1;
      if (slots[at * 2] !== h) continue;
      const from = offsets[id] as number;
      if ((offsets[id + 1] as number) - from !== end - start) continue;
      let same = true;
      for (let i = 0; i < end - start; i++) {
        const c = text.charCodeAt(start + i);
        if ((c >= 65 && c <= 90 ? c + 32 : c) !== pool[from + i]) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
  }

  findString(word: string): number {
    const h = hashWord(word);
    const { slots, mask, pool, offsets } = this;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const id = (slots[at * 2 + 1] as number) - 1;
      if (id < 0) return -1;
      if (slots[at * 2] !== h) continue;
      const from = offsets[id] as number;
      if ((offsets[id + 1] as number) - from !== word.length) continue;
      let same = true;
      for (let i = 0; i < word.length; i++) {
        if (word.charCodeAt(i) !== pool[from + i]) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
  }
}
