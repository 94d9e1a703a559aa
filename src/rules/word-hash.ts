// An open-addressing hash table over a TermTable's words, probed with a hash computed straight
// from an article's characters (lower-cased on the fly), so looking a word up allocates nothing.
import type { WordCursor } from '../text/word-cursor.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/** FNV-1a over UTF-16 code units. */
export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

export class WordHash {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly hashes: Uint32Array;

  /** `words[id]` is the word of entry id. */
  constructor(private readonly words: readonly string[]) {
    let size = 16;
    while (size < words.length * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.hashes = new Uint32Array(words.length);
    words.forEach((word, id) => {
      const h = hashWord(word);
      this.hashes[id] = h;
      let at = h & this.mask;
      while (this.slots[at] !== -1) at = (at + 1) & this.mask;
      this.slots[at] = id;
    });
  }

  /** The entry id of the cursor's current word, or -1. Non-ASCII words are folded to a string first. */
  find(cursor: WordCursor): number {
    if (!cursor.ascii) return this.findString(cursor.folded());
    const text = cursor.text;
    const start = cursor.start;
    const length = cursor.stemEnd - start;
    let h = FNV_OFFSET;
    for (let i = start; i < cursor.stemEnd; i++) {
      const c = text.charCodeAt(i);
      h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), FNV_PRIME);
    }
    h >>>= 0;
    for (let at = h & this.mask; ; at = (at + 1) & this.mask) {
      const id = this.slots[at] as number;
      if (id === -1) return -1;
      if (this.hashes[id] !== h) continue;
      const word = this.words[id] as string;
      if (word.length === length && sameLowerCase(text, start, word)) return id;
    }
  }

  findString(word: string): number {
    const h = hashWord(word);
    for (let at = h & this.mask; ; at = (at + 1) & this.mask) {
      const id = this.slots[at] as number;
      if (id === -1) return -1;
      if (this.hashes[id] === h && this.words[id] === word) return id;
    }
  }
}

function sameLowerCase(text: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = text.charCodeAt(start + i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}
