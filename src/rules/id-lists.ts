// Lists of numbers by id packed in two typed arrays (compressed sparse rows): what the rule index
// and the article index read per word, without an array object per id.

/** Flat lists by id (compressed sparse rows): list[start[id]] .. list[start[id + 1]]. */
export interface IdLists {
  readonly start: Int32Array;
  readonly list: Int32Array;
}

export function packLists(lists: readonly (readonly number[])[]): IdLists {
  const start = new Int32Array(lists.length + 1);
  let total = 0;
  lists.forEach((l, i) => {
    start[i] = total;
    total += l.length;
  });
  start[lists.length] = total;
  const list = new Int32Array(total);
  lists.forEach((l, i) => list.set(l, start[i]));
  return { start, list };
}
