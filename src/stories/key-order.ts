// The order that sorts 30-bit keys ascending, ties kept in their given order (a stable LSD radix
// sort in two passes of 15 bits): how the lookup indexes are built in one go on a resume.

const BITS = 15;
const BUCKETS = 1 << BITS;
const LOW = BUCKETS - 1;

/** Positions of `keys` (each below 2^30) in ascending key order, equal keys in position order. */
export function keyOrder(keys: Uint32Array): Int32Array {
  const n = keys.length;
  const first = new Int32Array(n);
  const second = new Int32Array(n);
  const counts = new Int32Array(BUCKETS + 1);
  for (let i = 0; i < n; i++) bump(counts, ((keys[i] ?? 0) & LOW) + 1);
  for (let b = 1; b <= BUCKETS; b++) counts[b] = (counts[b] ?? 0) + (counts[b - 1] ?? 0);
  for (let i = 0; i < n; i++) first[bump(counts, (keys[i] ?? 0) & LOW)] = i;
  counts.fill(0);
  for (let i = 0; i < n; i++) bump(counts, ((keys[i] ?? 0) >>> BITS) + 1);
  for (let b = 1; b <= BUCKETS; b++) counts[b] = (counts[b] ?? 0) + (counts[b - 1] ?? 0);
  for (let j = 0; j < n; j++) {
    const i = first[j] ?? 0;
    second[bump(counts, (keys[i] ?? 0) >>> BITS)] = i;
  }
  return second;
}

/** counts[at]++, returning the value before. */
function bump(counts: Int32Array, at: number): number {
  const before = counts[at] ?? 0;
  counts[at] = before + 1;
  return before;
}
