// Story clustering throughput and memory over the news corpus (Reuters-21578 + BBC, ~24k texts),
// beside a naive baseline in the same process: exact shingle-set Jaccard against every earlier text.
// Usage: npm run bench:stories -- CORPUS/news [--baseline-items 3000]

import os from 'node:os';
import { exactJaccard, hashShingles } from '../src/stories/minhash.ts';
import { createStoryIndex } from '../src/stories/story-index.ts';
import type { StoryAssignment, StoryIndexOptions, StoryInput } from '../src/stories/story-index.ts';
import { splitWords } from '../src/text/words.ts';
import { readStoryInputs } from './news-corpus.ts';

interface Run {
  readonly items: number;
  readonly seconds: number;
  /** CPU time of this process (user + system): steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
  readonly assignments: StoryAssignment[];
}

interface IndexRun extends Run {
  readonly stories: number;
  readonly entries: number;
  /** Heap and RSS after a GC with the index still alive (when run with --expose-gc). */
  readonly memory: NodeJS.MemoryUsage;
  /** Most items remembered at once, and the largest heap seen (sampled every 1,000 items, no GC). */
  readonly peakEntries: number;
  readonly peakHeap: number;
}

function runIndex(inputs: readonly StoryInput[], options: StoryIndexOptions = {}): IndexRun {
  const index = createStoryIndex(options);
  const assignments: StoryAssignment[] = [];
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let latest = 0;
  let peakEntries = 0;
  let peakHeap = 0;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i] as StoryInput;
    latest = Math.max(latest, input.published.getTime());
    assignments.push(index.assign(input));
    peakEntries = Math.max(peakEntries, index.entries);
    if (i % 1000 === 999) {
      index.expire(new Date(latest));
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuSeconds = cpuSince(cpu);
  global.gc?.();
  const memory = process.memoryUsage();
  return {
    items: inputs.length,
    seconds,
    cpuSeconds,
    assignments,
    stories: index.size,
    entries: index.entries,
    memory,
    peakEntries,
    peakHeap,
  };
}

/** Naive: exact Jaccard of 3-word shingle sets against every earlier text within 72 h. */
function runBaseline(inputs: readonly StoryInput[]): Run & { pairs: Set<string> } {
  const windowMs = 72 * 3_600_000;
  const seen: { key: string; at: number; shingles: Uint32Array }[] = [];
  const pairs = new Set<string>();
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (const input of inputs) {
    const words = splitWords(`${input.title}\n${input.body.slice(0, 3000)}`).map((w) => w.text);
    const shingles = hashShingles(words.slice(0, 300), 3);
    const at = input.published.getTime();
    for (const other of seen) {
      if (Math.abs(other.at - at) > windowMs) continue;
      if (exactJaccard(shingles, other.shingles) >= 0.5) pairs.add(`${input.key}|${other.key}`);
    }
    seen.push({ key: input.key, at, shingles });
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { items: inputs.length, seconds, cpuSeconds: cpuSince(cpu), assignments: [], pairs };
}

/** Share of the baseline's near-duplicate pairs that the index put in one story. */
function recallOf(pairs: ReadonlySet<string>, inputs: readonly StoryInput[], run: Run): number {
  if (pairs.size === 0) return 1;
  const storyOf = new Map<string, string>();
  inputs.forEach((input, i) => storyOf.set(input.key, run.assignments[i]?.storyId ?? ''));
  let together = 0;
  for (const pair of pairs) {
    const [a, b] = pair.split('|');
    if (storyOf.get(a ?? '') === storyOf.get(b ?? '')) together++;
  }
  return together / pairs.size;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}

async function main(argv: readonly string[]): Promise<number> {
  const dir = argv.find((a) => !a.startsWith('--'));
  if (dir === undefined) {
    console.error('usage: stories-bench NEWS_DIR [--baseline-items N]');
    return 2;
  }
  const flag = argv.indexOf('--baseline-items');
  const baselineItems = flag >= 0 ? Number(argv[flag + 1]) : 3000;
  const inputs = await readStoryInputs(dir);
  const subset = inputs.slice(0, baselineItems);

  const small = runIndex(subset); // also the warm-up (JIT) for the full run
  global.gc?.();
  // Nothing expires (a window of ~114 years): memory is held by the entry cap alone.
  const capped = runIndex(inputs, { windowHours: 1_000_000, maxEntries: 20_000 });
  global.gc?.();
  const before = process.memoryUsage();
  const full = runIndex(inputs);
  const after = full.memory;
  const baseline = runBaseline(subset);
  const multi = new Set(full.assignments.filter((a) => !a.isNew).map((a) => a.storyId)).size;
  const copies = full.assignments.filter((a) => a.reason.kind === 'duplicate').length;
  const joined = full.assignments.filter((a) => a.reason.kind === 'same-event').length;

  const perSecond = (n: number): string => Math.round(n).toLocaleString('en');
  const rate = (r: Run): string =>
    `${perSecond(r.items / r.seconds)} items/s wall, ${perSecond(r.items / r.cpuSeconds)} items per CPU-second`;
  console.log(`corpus: ${inputs.length} texts from ${dir}; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs`);
  console.log(`story index, all texts:      ${rate(full)} (${full.seconds.toFixed(2)} s)`);
  console.log(`  live at end: ${full.stories} stories, ${full.entries} items; ${multi} stories with ≥ 2 items`);
  console.log(`  peak: ${full.peakEntries} items remembered at once, heap ${mb(full.peakHeap)} (sampled, before GC)`);
  console.log(`  ${copies} near-duplicates, ${joined} same-event joins`);
  console.log(
    `  heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}, RSS ${mb(before.rss)} → ${mb(after.rss)}` +
      ' (before: corpus loaded; after: index alive, after GC)' +
      (global.gc === undefined ? ' (run with --expose-gc for steadier figures)' : ''),
  );
  console.log(`story index, no expiry, cap 20,000 items: ${rate(capped)}`);
  console.log(
    `  ${capped.entries} items in ${capped.stories} stories at end; heap after GC ${mb(capped.memory.heapUsed)}, ` +
      `RSS ${mb(capped.memory.rss)}`,
  );
  console.log(`story index, first ${subset.length} (cold: includes JIT warm-up): ${rate(small)}`);
  console.log(`baseline (exact Jaccard vs every text in window), first ${subset.length}: ${rate(baseline)}`);
  console.log(
    `  the baseline is quadratic: at ${inputs.length} texts expect ~${perSecond(
      (baseline.items / baseline.cpuSeconds) * (subset.length / inputs.length),
    )} items per CPU-second`,
  );
  console.log(
    `  baseline near-duplicate pairs (J ≥ 0.5): ${baseline.pairs.size}; index put ${(
      recallOf(baseline.pairs, subset, small) * 100
    ).toFixed(1)}% of them in one story`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
