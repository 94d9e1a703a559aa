// The continuous worker loop in-process: real HTTP, SQLite, rules and console sink.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/geo/gazetteer.ts';
import { createStoryMemory } from '../../src/worker/story-memory.ts';
import { createConsoleSink } from '../../src/chat/console/console-sink.ts';
import { DEFAULT_FETCH_OPTIONS } from '../../src/feeds/fetch/fetch-feed.ts';
import { createHostLimiter } from '../../src/worker/host-limiter.ts';
import { compileRules } from '../../src/rules/compile-rules.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { runForever, type WorkerDeps } from '../../src/worker/run-worker.ts';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';

const WORLD = await readFile(new URL('../fixtures/e2e/world-news.xml', import.meta.url), 'utf8');
const WORLD_BEFORE = WORLD.replace(/<item>\s*<title>Contractor killed[\s\S]*?<\/item>/, '');

let dir: string;
let server: FeedServer;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-worker-'));
  server = await startFeedServer();
  store = await openStore({ url: join(dir, 'w.db') });
  await store.migrate();
});

afterEach(async () => {
  await store.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

it('baselines, then alerts on an item published while it runs, once', async () => {
  server.route('/world.xml', serveBody(WORLD_BEFORE));
  const feed = { id: 'world', url: server.url('/world.xml'), title: null, backfill: 0, intervalSeconds: 0.2 };
  await store.syncFeeds([feed]);
  const compiled = compileRules([{ id: 'iraq-rocket', query: '"rocket attack" AND Iraq' }]);
  if (compiled.kind !== 'ok') throw new Error('rules did not compile');
  const out = new PassThrough();
  let printed = '';
  out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const deps = workerDeps({
    rules: () => compiled.rules,
    destinations: () => ['console'],
    sinks: [createConsoleSink('console', out)],
    feeds: () => [feed],
    tickMs: 20,
  });
  const stop = new AbortController();
  const running = runForever(deps, stop.signal);

  await until(async () => (await store.feedState('world'))?.baselined === true);
  expect(printed).toBe('');
  server.route('/world.xml', serveBody(WORLD));
  await until(() => printed.includes('ALERT [iraq-rocket]'));
  const polls = server.requestsTo('/world.xml').length;
  await until(() => server.requestsTo('/world.xml').length >= polls + 3); // a few more polls: 304s, no repeat
  stop.abort();
  await running;
  expect(printed.match(/ALERT \[iraq-rocket\]/g)).toHaveLength(1);
  expect(await store.outboxCounts()).toMatchObject({ pending: 0, sent: 1, failed: 0 });
});

it('reloads and claims at once when told of a change, long before its next tick or reload', async () => {
  server.route('/added.xml', serveBody(WORLD_BEFORE));
  const added = { id: 'added', url: server.url('/added.xml'), title: null, backfill: 0, intervalSeconds: 300 };
  let feeds: (typeof added)[] = [];
  let listed: (typeof added)[] = [];
  const listeners = new Set<() => void>();
  const compiled = compileRules([]);
  if (compiled.kind !== 'ok') throw new Error('rules did not compile');
  const deps = workerDeps({
    rules: () => compiled.rules,
    feeds: () => feeds,
    // What a reload does: the settings' feed list, registered with the store.
    reload: async () => {
      feeds = listed;
      await store.syncFeeds(feeds);
    },
    watchChanges: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tickMs: 60_000,
  });
  const stop = new AbortController();
  const running = runForever(deps, stop.signal);
  await new Promise((resolve) => setTimeout(resolve, 50)); // the loop sleeps until its next tick
  listed = [added];
  for (const listener of listeners) listener();
  await until(() => server.requestsTo('/added.xml').length === 1, 5_000);
  stop.abort();
  await running;
  expect(listeners.size).toBe(0);
});

/** The worker's dependencies on this test's store, with what a test sets itself. */
function workerDeps(own: Pick<WorkerDeps, 'rules' | 'feeds' | 'tickMs'> & Partial<WorkerDeps>): WorkerDeps {
  return {
    store,
    gazetteer: loadGazetteer,
    stories: createStoryMemory({ store, log: pino({ level: 'silent' }), now: () => new Date() }),
    hostLimiter: createHostLimiter(2),
    globalLimiter: createHostLimiter(4),
    fetchOptionsFor: () => DEFAULT_FETCH_OPTIONS,
    destinations: () => [],
    sinks: [],
    now: () => new Date(),
    random: () => 0.5,
    log: pino({ level: 'silent' }),
    ...own,
  };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
