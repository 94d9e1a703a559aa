// Which stories are filed under which headline/lead term id, for finding follow-up candidates.
// Most terms belong to one story: a single holder is kept as itself, a Set only from the second.

export type Holders<T> = T | ReadonlySet<T>;

export interface TermIndex<T extends object> {
  /** Files `value` under `id`; false when it was already there. */
  add(id: number, value: T): boolean;
  remove(id: number, value: T): void;
  get(id: number): Holders<T> | undefined;
}

export function createTermIndex<T extends object>(): TermIndex<T> {
  const table = new Map<number, T | Set<T>>();
  return {
    add(id, value) {
      const holders = table.get(id);
      if (holders === undefined) table.set(id, value);
      else if (holders instanceof Set) {
        if (holders.has(value)) return false;
        holders.add(value);
      } else {
        if (holders === value) return false;
        table.set(id, new Set([holders, value]));
      }
      return true;
    },
    remove(id, value) {
      const holders = table.get(id);
      if (holders === undefined) return;
      if (!(holders instanceof Set)) {
        if (holders === value) table.delete(id);
        return;
      }
      holders.delete(value);
      if (holders.size === 0) table.delete(id);
    },
    get(id) {
      return table.get(id);
    },
  };
}

/** How many values a holders entry stands for. */
export function holderCount<T extends object>(holders: Holders<T>): number {
  return holders instanceof Set ? holders.size : 1;
}
