// Story assignment with the store (the worker's path: lock, catch up, assign, save members and
// stories) over the news corpus, beside the in-memory index on the same texts in the same
// process; then how long a restarted worker takes to resume its 20,000 remembered items, and the
// memory they hold. Nothing expires here, so the index works at its cap throughout.
// Usage: npm run bench:story-memory -- CORPUS/news [--postgres postgres://…] [--batch 20]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Item } from '../src/domain/item.ts';
import { contentFingerprint } from '../src/stories/content-fingerprint.ts';
import { createStoryIndex } from '../src/stories/story-index.ts';
import type { StoryInput } from '../src/stories/story-types.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import { createStoryMemory, type PreparedItem } from '../src/worker/story-memory.ts';
import { readStoryInputs } from './news-corpus.ts';

const log = pino({ level: 'silent' });
/** Nothing expires (a window of ~114 years): the index holds its cap of 20,000 items, the hardest case for a resume. */
const OPTIONS = { windowHours: 1_000_000, maxEntries: 20_000 };

function itemOf(input: StoryInput): Item {
  return { key: input.key, title: input.title, body: input.body, link: null, published: input.published, publishedEstimated: false, source: input.source };
}

/** Consecutive texts of one source, `size` at a time: what one poll of a feed brings. */
function polls(inputs: readonly StoryInput[], size: number): StoryInput[][] {
  const batches: StoryInput[][] = [];
  for (const input of inputs) {
    const last = batches.at(-1);
    if (last !== undefined && last.length < size && last[0]?.source === input.source) last.push(input);
    else batches.push([input]);
  }
  return batches;
}

function inMemory(inputs: readonly StoryInput[]): { perSecond: number; cpuPerSecond: number } {
  const index = createStoryIndex(OPTIONS);
  const cpu = process.cpuUsage();
  const start = performance.now();
  let latest = 0;
  for (const [i, input] of inputs.entries()) {
    latest = Math.max(latest, input.published.getTime());
    index.assign(input);
    if (i % 1000 === 999) index.expire(new Date(latest));
  }
  return rates(inputs.length, start, cpu);
}

async function withStore(store: Store, inputs: readonly StoryInput[], batchSize: number) {
  const sources = [...new Set(inputs.map((i) => i.source))];
  await store.syncFeeds(sources.map((id) => ({ id, url: `file:${id}`, title: id, backfill: 0, intervalSeconds: 300 })));
  let clock = 0;
  const memory = createStoryMemory({ store, log, now: () => new Date(clock), options: OPTIONS });
  const batches = polls(inputs, batchSize);
  const cpu = process.cpuUsage();
  const start = performance.now();
  let done = 0;
  for (const batch of batches) {
    clock = Math.max(clock, ...batch.map((i) => i.published.getTime()));
    const prepared = batch.map((input): PreparedItem => ({ item: itemOf(input), fingerprint: contentFingerprint(input.title, input.body), matches: [], cluster: true, facts: null, repostOf: null }));
    await memory.save(batch[0]?.source ?? '', prepared, { destinations: [], fetch: { at: new Date(clock), etag: null, lastModified: null, nextAttemptAt: new Date(clock), title: null } });
    done += batch.length;
    if (process.stderr.isTTY) process.stderr.write(`\r  stored ${done}/${inputs.length}`);
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  return { ...rates(inputs.length, start, cpu), polls: batches.length, clock, live: memory.size };
}

/** The same polls saved without stories (items and fetch state only): what a poll costs anyway. */
async function itemsOnly(store: Store, inputs: readonly StoryInput[], batchSize: number) {
  const sources = [...new Set(inputs.map((i) => i.source))];
  await store.syncFeeds(sources.map((id) => ({ id, url: `file:${id}`, title: id, backfill: 0, intervalSeconds: 300 })));
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const batch of polls(inputs, batchSize)) {
    const at = new Date(Math.max(...batch.map((i) => i.published.getTime())));
    const entries = batch.map((input) => ({ item: itemOf(input), fingerprint: contentFingerprint(input.title, input.body), storyId: null, alerts: [] }));
    await store.saveItems(batch[0]?.source ?? '', { entries, destinations: [], fetch: { at, etag: null, lastModified: null, nextAttemptAt: at, title: null } });
  }
  return rates(inputs.length, start, cpu);
}

async function resume(store: Store, clock: number) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const memory = createStoryMemory({ store, log, now: () => new Date(clock), options: OPTIONS });
  const start = performance.now();
  await memory.warm();
  const ms = performance.now() - start;
  global.gc?.();
  return { ms, size: memory.size, heapMb: (process.memoryUsage().heapUsed - heapBefore) / 1048576, keep: memory };
}

function rates(items: number, start: number, cpu: NodeJS.CpuUsage) {
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: items / seconds, cpuPerSecond: items / ((used.user + used.system) / 1e6) };
}

async function main(argv: readonly string[]): Promise<number> {
  const dir = argv.find((a, i) => !a.startsWith('--') && !(argv[i - 1] ?? '').startsWith('--'));
  if (dir === undefined) {
    console.error('usage: story-memory-bench NEWS_DIR [--postgres URL] [--batch N]');
    return 2;
  }
  const option = (name: string): string | undefined => argv[argv.indexOf(name) + 1];
  const batchSize = argv.includes('--batch') ? Number(option('--batch')) : 20;
  const postgres = argv.includes('--postgres') ? option('--postgres') : undefined;
  const inputs = await readStoryInputs(dir);
  const n = (x: number): string => Math.round(x).toLocaleString('en');
  console.log(`corpus: ${inputs.length} texts from ${dir}; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs; polls of ${batchSize}`);

  inMemory(inputs.slice(0, 3000)); // JIT warm-up
  const memory = inMemory(inputs);
  console.log(`in-memory index (baseline):   ${n(memory.perSecond)} items/s wall, ${n(memory.cpuPerSecond)} per CPU-second`);

  const tmp = await mkdtemp(join(os.tmpdir(), 'wirewatch-bench-'));
  const targets = [{ name: 'SQLite', url: join(tmp, 'bench.db'), schema: undefined as string | undefined }];
  if (postgres !== undefined) targets.push({ name: 'Postgres', url: postgres, schema: `wirewatch_bench_${process.pid}` });
  try {
    for (const target of targets) {
      const bare = await openStore({ url: `${target.url}${target.schema === undefined ? '-items' : ''}`, ...(target.schema === undefined ? {} : { schema: `${target.schema}_items` }) });
      await bare.migrate();
      const plain = await itemsOnly(bare, inputs, batchSize);
      await bare.close();
      const store = await openStore({ url: target.url, ...(target.schema === undefined ? {} : { schema: target.schema }) });
      await store.migrate();
      const run = await withStore(store, inputs, batchSize);
      // What stories add to a poll's save: the difference of the two runs' CPU time.
      const assignment = 1 / (1 / run.cpuPerSecond - 1 / plain.cpuPerSecond);
      console.log(`${target.name}: polls saved without stories: ${n(plain.perSecond)} items/s wall, ${n(plain.cpuPerSecond)} per CPU-second`);
      console.log(`${target.name}: polls saved with stories:    ${n(run.perSecond)} items/s wall, ${n(run.cpuPerSecond)} per CPU-second (${n(run.polls)} polls)`);
      console.log(`  story assignment with the store (the difference): ${n(assignment)} items per CPU-second (${(assignment / memory.cpuPerSecond).toFixed(2)}× in-memory)`);
      console.log(`  live at end: ${n(run.live.stories)} stories, ${n(run.live.entries)} items`);
      const resumed = await resume(store, run.clock);
      console.log(`  resume: ${n(resumed.size.entries)} items in ${n(resumed.size.stories)} stories in ${(resumed.ms / 1000).toFixed(2)} s; heap held ${resumed.heapMb.toFixed(0)} MB (${((resumed.heapMb * 1024) / Math.max(1, resumed.size.entries)).toFixed(1)} KB per item)`);
      await store.close();
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
    if (postgres !== undefined) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: postgres });
      await client.connect();
      await client.query(`drop schema if exists wirewatch_bench_${process.pid} cascade`);
      await client.query(`drop schema if exists wirewatch_bench_${process.pid}_items cascade`);
      await client.end();
    }
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
