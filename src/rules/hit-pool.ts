// Where the terms and places of an article's rules were found, in two flat typed arrays shared by
// all slots (one slot per distinct term or place of a rule set, query-plan.ts): a slot's hits are
// filled once per article, contiguous and sorted by position code, so rules test them without
// allocating. A new article (generation) empties the pool.
import { positionOf } from './position-code.ts';

export class HitPool {
  /** Position codes (position-code.ts) of the hits' first words. */
  codes = new Int32Array(1024);
  /** Word positions just past each hit. */
  ends = new Int32Array(1024);
  size = 0;
  private generation = -1;
  /** Per slot, side by side (one cache line): the generation it was filled in, where its hits start, how many. */
  private readonly slots: Int32Array;

  constructor(slots: number) {
    this.slots = new Int32Array(slots * 3);
    for (let s = 0; s < slots; s++) this.slots[s * 3] = -1;
  }

  /** Starts an article (a no-op when the generation is the current one). */
  reset(generation: number): void {
    if (generation === this.generation) return;
    this.generation = generation;
    this.size = 0;
  }

  /** Whether a slot is filled for the current article. */
  has(slot: number): boolean {
    return this.slots[slot * 3] === this.generation;
  }

  /** Starts filling a slot: the hits added until close() are its hits. */
  open(slot: number): void {
    this.slots[slot * 3 + 1] = this.size;
  }

  close(slot: number): void {
    this.slots[slot * 3] = this.generation;
    this.slots[slot * 3 + 2] = this.size - (this.slots[slot * 3 + 1] as number);
  }

  from(slot: number): number {
    return this.slots[slot * 3 + 1] as number;
  }

  count(slot: number): number {
    return this.slots[slot * 3 + 2] as number;
  }

  add(code: number, end: number): void {
    if (this.size === this.codes.length) this.grow();
    this.codes[this.size] = code;
    this.ends[this.size++] = end;
  }

  /** Reverses the order of the hits from `first` to the end. */
  reverseFrom(first: number): void {
    const { codes, ends } = this;
    for (let i = first, j = this.size - 1; i < j; i++, j--) {
      const code = codes[i] as number;
      const end = ends[i] as number;
      codes[i] = codes[j] as number;
      ends[i] = ends[j] as number;
      codes[j] = code;
      ends[j] = end;
    }
  }

  /** Sorts the hits from `first` to the end by code, then end (the insertion sort suits short, nearly sorted runs). */
  sortFrom(first: number): void {
    const { codes, ends } = this;
    if (this.size - first > 64) {
      // Long runs are a term's positions, whose ends are not set yet: codes alone decide.
      codes.subarray(first, this.size).sort();
      return;
    }
    for (let i = first + 1; i < this.size; i++) {
      const code = codes[i] as number;
      const end = ends[i] as number;
      let j = i - 1;
      while (j >= first && ((codes[j] as number) > code || (codes[j] === code && (ends[j] as number) > end))) {
        codes[j + 1] = codes[j] as number;
        ends[j + 1] = ends[j] as number;
        j--;
      }
      codes[j + 1] = code;
      ends[j + 1] = end;
    }
  }

  /** The first index in [from, from + count) whose code is at least `code`. */
  lowerBound(from: number, count: number, code: number): number {
    let lo = from;
    let hi = from + count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.codes[mid] as number) < code) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The most words any of the hits spans. */
  longest(from: number, count: number): number {
    let longest = 0;
    for (let i = from; i < from + count; i++) longest = Math.max(longest, (this.ends[i] as number) - positionOf(this.codes[i] as number));
    return longest;
  }

  private grow(): void {
    const codes = new Int32Array(this.codes.length * 2);
    codes.set(this.codes);
    this.codes = codes;
    const ends = new Int32Array(this.ends.length * 2);
    ends.set(this.ends);
    this.ends = ends;
  }
}
