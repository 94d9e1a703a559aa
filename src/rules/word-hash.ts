// An open-addressing hash table over a TermTable's words, probed with the hash WordCursor computes
// while scanning an article, so looking a word up allocates nothing. Each slot is one 64-byte
// record: the hash, the word's id and length, its first 16 characters packed (most words compare
// without touching the character pool), and DATA_INTS ints the caller keeps per word (the article
// index's state): a word found is one cache line read, not three.
import { fnv1a } from '../text/fnv.ts';
import type { WordCursor } from '../text/word-cursor.ts';

/** Ints per slot. */
const SLOT = 16;
const HASH = 0;
/** id + 1; 0 marks an empty slot. */
const ID = 1;
const LENGTH = 2;
/** Offset of the word in `pool`. */
const FROM = 3;
/** Characters 0-15, four 7-bit ASCII characters per int, when the word is ASCII; else PACKED_NONE in the first. */
const PACKED = 4;
const PACKED_INTS = 4;
const PACKED_CHARS = PACKED_INTS * 4;
const PACKED_NONE = -1;
/** Where the caller's ints start in a slot, and how many there are. */
export const DATA = 8;
export const DATA_INTS = 8;

export class WordHash {
  /** Slots; the caller reads and writes its DATA ints at slotOf(…) + DATA + k. */
  readonly slots: Int32Array;
  private readonly mask: number;
  /** Characters of all words. */
  private readonly pool: Uint16Array;
  /** Slot offset of each id. */
  private readonly slotOfId: Int32Array;
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
    this.slotOfId = new Int32Array(words.length);
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
      let at = (h & this.mask) * SLOT;
      while (this.slots[at + ID] !== 0) at = (at + SLOT) & (this.mask * SLOT + SLOT - 1);
      this.slots.set([h, id + 1, word.length, offset, ...packWord(word)], at);
      this.slotOfId[id] = at;
      offset += word.length;
    });
  }

  /** The slot offset of the cursor's current word, or -1. Non-ASCII words are folded to a string first. */
  slotOf(cursor: WordCursor): number {
    if (!cursor.ascii) return this.slotOfWord(cursor.folded());
    const h = cursor.hash;
    const bit = h & this.filterMask;
    if (((this.filter[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return -1;
    const slots = this.slots;
    const text = cursor.text;
    const start = cursor.start;
    const length = cursor.stemEnd - start;
    for (let at = (h & this.mask) * SLOT; ; at = (at + SLOT) & (this.mask * SLOT + SLOT - 1)) {
      if (slots[at + ID] === 0) return -1;
      if (slots[at + HASH] === h && slots[at + LENGTH] === length && this.sameAscii(at, text, start, length)) return at;
    }
  }

  /** The slot offset of a folded word, or -1. */
  slotOfWord(word: string): number {
    const h = fnv1a(word);
    const slots = this.slots;
    for (let at = (h & this.mask) * SLOT; ; at = (at + SLOT) & (this.mask * SLOT + SLOT - 1)) {
      if (slots[at + ID] === 0) return -1;
      if (slots[at + HASH] !== h || slots[at + LENGTH] !== word.length) continue;
      const from = slots[at + FROM] as number;
      let same = true;
      for (let i = 0; i < word.length && same; i++) same = word.charCodeAt(i) === this.pool[from + i];
      if (same) return at;
    }
  }

  /** The id of the word in a slot. */
  idAt(slot: number): number {
    return (this.slots[slot + ID] as number) - 1;
  }

  slotOfEntry(id: number): number {
    return this.slotOfId[id] as number;
  }

  /** The id of the cursor's current word, or -1. */
  find(cursor: WordCursor): number {
    const at = this.slotOf(cursor);
    return at < 0 ? -1 : this.idAt(at);
  }

  findString(word: string): number {
    const at = this.slotOfWord(word);
    return at < 0 ? -1 : this.idAt(at);
  }

  /** Whether the slot's word is text[start, start + length) lower-cased (an ASCII word: letters and digits). */
  private sameAscii(at: number, text: string, start: number, length: number): boolean {
    const slots = this.slots;
    if (slots[at + PACKED] === PACKED_NONE) return false; // the table word is not ASCII
    const packed = Math.min(length, PACKED_CHARS);
    for (let i = 0, k = at + PACKED; i < packed; k++) {
      const stop = Math.min(i + 4, packed);
      let word = 0;
      for (let shift = 0; i < stop; i++, shift += 7) word |= (text.charCodeAt(start + i) | 0x20) << shift;
      if (word !== slots[k]) return false;
    }
    const from = slots[at + FROM] as number;
    for (let i = PACKED_CHARS; i < length; i++) if ((text.charCodeAt(start + i) | 0x20) !== this.pool[from + i]) return false;
    return true;
  }
}

/** The first PACKED_CHARS characters of an ASCII word, four to an int; PACKED_NONE if it is not ASCII. */
function packWord(word: string): number[] {
  const packed = new Array<number>(PACKED_INTS).fill(0);
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x80) return [PACKED_NONE, 0, 0, 0];
    if (i < PACKED_CHARS) packed[i >> 2] = (packed[i >> 2] as number) | (c << ((i & 3) * 7));
  }
  return packed;
}
