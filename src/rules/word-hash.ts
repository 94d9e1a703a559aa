// An open-addressing hash table over a TermTable's words, probed with a hash computed straight
// from an article's characters (lower-cased on the fly), so looking a word up allocates nothing.
// Hashes, ids and characters sit in flat typed arrays: a probe touches few cache lines.
import { fnv1a } from '../text/fnv.ts';
import type { WordCursor } from '../text/word-cursor.ts';

/** Ints per slot: hash, id + 1 (0 marks an empty slot), offset of the word in `pool`, its length. */
const SLOT = 4;

export class WordHash {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Characters of all words. */
  private readonly pool: Uint16Array;
  /** One bit per hash value (mod its size): a small, cache-resident "certainly absent" test. */
  private readonly filter: Uint32Array;
  private readonly filterMask: number;

  /** `words[id]` is the word of entry id. */
  constructor(words: readonly string[]) {
    let size = 16;
    while (size < words.length * 2) size *= 2;
    this.slots = new Int32Array(size * SLOT);
    this.mask = size - 1;
    this.pool = new Uint16Array(words.reduce((sum, w) => sum + w.length, 0));
    let bits = 1 << 12;
    while (bits < words.length * 8) bits *= 2;
    this.filter = new Uint32Array(bits / 32);
    this.filterMask = bits - 1;
    let offset = 0;
    words.forEach((word, id) => {
      for (let i = 0; i < word.length; i++) this.pool[offset + i] = word.charCodeAt(i);
      const h = fnv1a(word);
      const bit = h & this.filterMask;
      this.filter[bit >>> 5] = (this.filter[bit >>> 5] as number) | (1 << (bit & 31));
      let at = h & this.mask;
      while (this.slots[at * SLOT + 1] !== 0) at = (at + 1) & this.mask;
      this.slots.set([h, id + 1, offset, word.length], at * SLOT);
      offset += word.length;
    });
  }

  /** The entry id of the cursor's current word, or -1. Non-ASCII words are folded to a string first. */
  find(cursor: WordCursor): number {
    if (!cursor.ascii) return this.findString(cursor.folded());
    const h = cursor.hash;
    const bit = h & this.filterMask;
    if (((this.filter[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return -1;
    const { slots, mask, pool } = this;
    const text = cursor.text;
    const start = cursor.start;
    const length = cursor.stemEnd - start;
    for (let at = (h & mask) * SLOT; ; at = (at + SLOT) & (mask * SLOT + SLOT - 1)) {
      const id = (slots[at + 1] as number) - 1;
      if (id < 0) return -1;
      if (slots[at] !== h || slots[at + 3] !== length) continue;
      const from = slots[at + 2] as number;
      let same = true;
      // An ASCII word has only letters and digits: `| 0x20` lower-cases both.
      for (let i = 0; i < length; i++) {
        if ((text.charCodeAt(start + i) | 0x20) !== pool[from + i]) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
  }

  findString(word: string): number {
    const h = fnv1a(word);
    const { slots, mask, pool } = this;
    for (let at = (h & mask) * SLOT; ; at = (at + SLOT) & (mask * SLOT + SLOT - 1)) {
      const id = (slots[at + 1] as number) - 1;
      if (id < 0) return -1;
      if (slots[at] !== h || slots[at + 3] !== word.length) continue;
      const from = slots[at + 2] as number;
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
