// Which stories are filed under which headline/lead term id, for finding follow-up candidates.
// Most terms belong to one story: a single holder is kept as itself, a few in an array, and a
// Set only past SMALL_HOLDERS (common words): a resume files 800,000 terms, and a Set for every
// term held twice made that the slowest part of it.

import { keyOrder } from './key-order.ts';

export type Holders<T> = T | readonly T[] | ReadonlySet<T>;

export interface TermIndex<T extends object> {
  /** Files `value` under `id`; false when it was already there. */
  add(id: number, value: T): boolean;
  /** Files values[i] under ids[i] for every i, each pair new to the index (a resume), grouped in one pass. */
  addAll(ids: readonly number[], values: readonly T[]): void;
  remove(id: number, value: T): void;
  get(id: number): Holders<T> | undefined;
}

const SMALL_HOLDERS = 16;

export function createTermIndex<T extends object>(): TermIndex<T> {
  const table = new Map<number, T | T[] | Set<T>>();
  return {
    add(id, value) {
      const holders = table.get(id);
      if (holders === undefined) table.set(id, value);
      else if (holders instanceof Set) {
        if (holders.has(value)) return false;
        holders.add(value);
      } else if (Array.isArray(holders)) {
        if (holders.includes(value)) return false;
        if (holders.length < SMALL_HOLDERS) holders.push(value);
        else table.set(id, new Set([...holders, value]));
      } else {
        if (holders === value) return false;
        table.set(id, [holders, value]);
      }
      return true;
    },
    addAll(ids, values) {
      const keys = Uint32Array.from(ids);
      const order = keyOrder(keys);
      for (let start = 0; start < order.length; ) {
        const id = keys[order[start] ?? 0] ?? 0;
        let end = start + 1;
        while (end < order.length && keys[order[end] ?? 0] === id) end++;
        const at = (j: number): T => values[order[j] ?? 0] as T;
        if (table.has(id)) {
          for (let j = start; j < end; j++) this.add(id, at(j));
        } else if (end - start === 1) table.set(id, at(start));
        else {
          const holders: T[] = [];
          for (let j = start; j < end; j++) holders.push(at(j));
          table.set(id, holders.length > SMALL_HOLDERS ? new Set(holders) : holders);
        }
        start = end;
      }
    },
    remove(id, value) {
      const holders = table.get(id);
      if (holders === undefined) return;
      if (holders instanceof Set) {
        holders.delete(value);
        if (holders.size === 0) table.delete(id);
      } else if (Array.isArray(holders)) {
        const at = holders.indexOf(value);
        if (at >= 0) holders.splice(at, 1);
        if (holders.length === 1) table.set(id, holders[0] as T);
      } else if (holders === value) table.delete(id);
    },
    get(id) {
      return table.get(id);
    },
  };
}

/** How many values a holders entry stands for. */
export function holderCount<T extends object>(holders: Holders<T>): number {
  if (holders instanceof Set) return holders.size;
  return Array.isArray(holders) ? holders.length : 1;
}
