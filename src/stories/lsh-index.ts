// Locality-sensitive hashing over MinHash signatures (banding): signatures that agree on all rows
// of any one band land in a shared bucket, so near-duplicates are found without comparing all pairs.
// Texts filed in one go (a resume: 20,000 texts make 800,000 bucket entries) sit in a sorted
// array, found by binary search; texts added one by one after that sit in typed arrays (open
// addressing on the bucket key, a chain of entries per bucket, oldest first). Both avoid the
// 800,000 small objects and the hashing a Map of arrays costs.

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
  // Slots: the bucket key + 1 (0 marks a free slot) and the first entry of its chain + 1 (0: an
  // empty chain, whose slot is reclaimed at the next rehash). One table for all bands: each key
  // hashes its band number in, so bands do not collide beyond chance.
  let slotKey = new Uint32Array(1 << 12);
  let slotHead = new Int32Array(1 << 12);
  let mask = slotKey.length - 1;
  let usedSlots = 0;
  // Entries: which value, and the next entry of the same bucket + 1 (0 ends the chain). Freed
  // entries are chained through `entryNext` from `freeEntry`.
  let entryValue = new Int32Array(1 << 12);
  let entryNext = new Int32Array(1 << 12);
  let entries = 0;
  let freeEntry = 0;
  // The part filed by addAll: keys ascending (entries of one key oldest first), value ids (-1: removed).
  let staticKeys = new Uint32Array(0);
  let staticValues = new Int32Array(0);
  /** Values by id, and ids by value (ids of removed values are reused). */
  const values: (T | undefined)[] = [];
  const ids = new Map<T, number>();
  const freeIds: number[] = [];
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

  /** Removes the oldest static entry of `key` (of `id` only, when given); true when one was found. */
  function removeStatic(key: number, id: number): boolean {
    for (let i = staticStart(key); i < staticKeys.length && staticKeys[i] === key; i++) {
      const held = staticValues[i] ?? -1;
      if (held < 0 || (id >= 0 && held !== id)) continue;
      staticValues[i] = -1;
      return true;
    }
    return false;
  }

  function countStatic(key: number): number {
    let count = 0;
    for (let i = staticStart(key); i < staticKeys.length && staticKeys[i] === key; i++) if ((staticValues[i] ?? -1) >= 0) count++;
    return count;
  }

  function findSlot(key: number): number {
    const mark = key + 1;
    let at = key & mask;
    for (;;) {
      const k = slotKey[at] ?? 0;
      if (k === mark) return at;
      if (k === 0) return -1;
      at = (at + 1) & mask;
    }
  }

  function claimSlot(key: number): number {
    const mark = key + 1;
    let at = key & mask;
    for (;;) {
      const k = slotKey[at] ?? 0;
      if (k === mark) return at;
      if (k === 0) {
        slotKey[at] = mark;
        usedSlots++;
        return at;
      }
      at = (at + 1) & mask;
    }
  }

  /** Makes room for `more` new slots at a load of at most one half, dropping empty buckets. */
  function reserveSlots(more: number): void {
    if ((usedSlots + more) * 2 <= slotKey.length) return;
    let live = 0;
    for (let i = 0; i < slotKey.length; i++) if ((slotHead[i] ?? 0) !== 0) live++;
    let capacity = slotKey.length;
    while ((live + more) * 2 > capacity) capacity *= 2;
    const oldKey = slotKey;
    const oldHead = slotHead;
    slotKey = new Uint32Array(capacity);
    slotHead = new Int32Array(capacity);
    mask = capacity - 1;
    usedSlots = 0;
    for (let i = 0; i < oldKey.length; i++) {
      const head = oldHead[i] ?? 0;
      if (head === 0) continue;
      const at = claimSlot((oldKey[i] ?? 1) - 1);
      slotHead[at] = head;
    }
  }

  function newEntry(id: number): number {
    let e: number;
    if (freeEntry !== 0) {
      e = freeEntry - 1;
      freeEntry = entryNext[e] ?? 0;
    } else {
      if (entries === entryValue.length) {
        const value = new Int32Array(entries * 2);
        value.set(entryValue);
        entryValue = value;
        const next = new Int32Array(entries * 2);
        next.set(entryNext);
        entryNext = next;
      }
      e = entries++;
    }
    entryValue[e] = id;
    entryNext[e] = 0;
    return e;
  }

  function releaseEntry(e: number): void {
    entryNext[e] = freeEntry;
    freeEntry = e + 1;
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
        keys[b] = h & 0x3fffffff;
      }
      return keys;
    },
    add(value, keys) {
      let id = ids.get(value);
      if (id === undefined) {
        id = freeIds.pop() ?? values.length;
        values[id] = value;
        ids.set(value, id);
      }
      reserveSlots(keys.length);
      for (const key of keys) {
        const at = claimSlot(key);
        const e = newEntry(id);
        const head = slotHead[at] ?? 0;
        let count = staticKeys.length === 0 ? 0 : countStatic(key);
        if (head === 0) slotHead[at] = e + 1;
        else {
          // Append (oldest first).
          let last = head - 1;
          count++;
          for (let next = entryNext[last] ?? 0; next !== 0; next = entryNext[last] ?? 0) {
            last = next - 1;
            count++;
          }
          entryNext[last] = e + 1;
        }
        // A full bucket (boilerplate shared by many texts) drops its oldest.
        if (count >= maxBucket && !removeStatic(key, -1)) {
          const oldest = (slotHead[at] ?? 0) - 1;
          slotHead[at] = entryNext[oldest] ?? 0;
          releaseEntry(oldest);
        }
      }
      size++;
    },
    addAll(all, keysOf) {
      let total = 0;
      for (const keys of keysOf) total += keys.length;
      if (size > 0 || staticKeys.length > 0) {
        for (const [i, value] of all.entries()) this.add(value, keysOf[i] ?? new Uint32Array(0));
        return;
      }
      // Every entry's key, then the order that groups each bucket's entries, oldest first.
      const entryKeys = new Uint32Array(total);
      const valueAt = new Int32Array(total);
      let n = 0;
      for (let v = 0; v < all.length; v++) {
        const id = freeIds.pop() ?? values.length;
        const value = all[v] as T;
        values[id] = value;
        ids.set(value, id);
        const keys = keysOf[v] ?? new Uint32Array(0);
        for (let b = 0; b < keys.length; b++) {
          entryKeys[n] = keys[b] ?? 0;
          valueAt[n++] = id;
        }
        size++;
      }
      const order = keyOrder(entryKeys);
      // Each bucket keeps its newest maxBucket entries: skip an entry with maxBucket newer of its key.
      const kept = new Uint8Array(total);
      let keptCount = 0;
      for (let j = 0; j < total; j++) {
        const key = entryKeys[order[j] ?? 0];
        const later = j + maxBucket;
        if (later < total && entryKeys[order[later] ?? 0] === key) continue;
        kept[j] = 1;
        keptCount++;
      }
      staticKeys = new Uint32Array(keptCount);
      staticValues = new Int32Array(keptCount);
      let k = 0;
      for (let j = 0; j < total; j++) {
        if (kept[j] === 0) continue;
        const i = order[j] ?? 0;
        staticKeys[k] = entryKeys[i] ?? 0;
        staticValues[k++] = valueAt[i] ?? -1;
      }
    },
    remove(value, keys) {
      const id = ids.get(value);
      if (id === undefined) return;
      for (const key of keys) {
        if (staticKeys.length > 0 && removeStatic(key, id)) continue;
        const at = findSlot(key);
        if (at < 0) continue;
        let previous = -1;
        for (let next = slotHead[at] ?? 0; next !== 0; ) {
          const e = next - 1;
          next = entryNext[e] ?? 0;
          if (entryValue[e] !== id) {
            previous = e;
            continue;
          }
          if (previous < 0) slotHead[at] = next;
          else entryNext[previous] = next;
          releaseEntry(e);
          break;
        }
      }
      ids.delete(value);
      values[id] = undefined;
      freeIds.push(id);
      size--;
    },
    forEachCandidate(keys, visit) {
      for (const key of keys) {
        for (let i = staticKeys.length === 0 ? 0 : staticStart(key); i < staticKeys.length && staticKeys[i] === key; i++) {
          const value = values[staticValues[i] ?? -1];
          if (value !== undefined) visit(value);
        }
        const at = findSlot(key);
        if (at < 0) continue;
        for (let next = slotHead[at] ?? 0; next !== 0; next = entryNext[next - 1] ?? 0) {
          const value = values[entryValue[next - 1] ?? -1];
          if (value !== undefined) visit(value);
        }
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
