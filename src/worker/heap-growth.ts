// How far V8 lets the worker's heap grow past what the last full collection kept. V8 sizes the old
// generation from its measured collection speed, up to four times the live heap: a worker polling
// 50,000 feeds keeps about 90 MB alive but, left to the default, sat on 300-500 MB of resident
// memory, most of it garbage not yet collected. At 1.3 times the live heap it stays under 300 MB
// for the same CPU per poll (bench/RESULTS.md "Capacity"). The flag is read at every collection,
// so setting it after start works; a `--heap-growing-percent` given to node itself wins.
import v8 from 'node:v8';

export const WORKER_HEAP_GROWING_PERCENT = 30;

/** Applies the worker's heap growth unless node was started with its own; returns the flag set, or null. */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv, setFlags: (flags: string) => void = (flags) => v8.setFlagsFromString(flags)): string | null {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return null;
  const flag = `--heap-growing-percent=${WORKER_HEAP_GROWING_PERCENT}`;
  setFlags(flag);
  return flag;
}
