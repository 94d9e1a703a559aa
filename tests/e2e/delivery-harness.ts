// Shared parts of the delivery end-to-end tests: RSS documents, a worker built like src/app/open-app.ts's
// openApp but with a clock the test moves, and an outage switch in front of an emulator.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type Config } from '../../src/config/load-config.ts';
import { readEnv } from '../../src/config/env.ts';
import { openDestinationSinks } from '../../src/app/open-sinks.ts';
import { fetchOptionsFrom } from '../../src/feeds/fetch/fetch-options-from.ts';
import { createHostLimiter } from '../../src/worker/host-limiter.ts';
import { loadGazetteer } from '../../src/geo/gazetteer.ts';
import { createStoryMemory } from '../../src/worker/story-memory.ts';
import { compileRules } from '../../src/rules/compile-rules.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { createLogger } from '../../src/log/create-logger.ts';
import type { WorkerDeps } from '../../src/worker/run-worker.ts';
import type { ChatSink } from '../../src/chat/chat-sink.ts';

export interface RssItem {
  readonly guid: string;
  readonly title: string;
  readonly body?: string;
  readonly published?: Date;
}

/** An RSS 2.0 document listing `items` in the given order. */
export function rss(items: readonly RssItem[], title = 'Example Wire'): string {
  const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const entries = items.map(
    (item) => `<item><title>${escape(item.title)}</title><link>https://wire.example/${encodeURIComponent(item.guid)}</link>` +
      `<guid isPermaLink="false">${escape(item.guid)}</guid><pubDate>${(item.published ?? new Date()).toUTCString()}</pubDate>` +
      `<description>${escape(item.body ?? item.title)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escape(title)}</title><link>https://wire.example/</link>${entries.join('')}</channel></rss>`;
}

/** A clock the test moves by hand (the worker's `now`). */
export interface TestClock {
  (): Date;
  advance(ms: number): void;
}

export function createTestClock(start = new Date()): TestClock {
  let now = start.getTime();
  return Object.assign(() => new Date(now), { advance: (ms: number) => void (now += ms) });
}

export interface TestWorker {
  readonly deps: WorkerDeps;
  readonly store: Store;
  readonly config: Config;
  readonly sinks: readonly ChatSink[];
  close(): Promise<void>;
}

/** A worker over a fresh SQLite file, from config YAML and environment variables, as openApp builds it. */
export async function openTestWorker(yaml: string, env: Record<string, string>, clock: TestClock): Promise<TestWorker> {
  const dir = await mkdtemp(join(tmpdir(), 'wirewatch-delivery-'));
  const parsed = parseConfig(`database: ${join(dir, 'wirewatch.db')}\n${yaml}`, join(dir, 'wirewatch.yaml'), readEnv(env), dir);
  if (parsed.kind === 'invalid') throw new Error(`test: invalid config\n${parsed.message}`);
  const config = parsed.config;
  const compiled = compileRules(config.rules);
  if (compiled.kind === 'invalid') throw new Error('test: invalid rules');
  const store = await openStore({ url: config.databaseUrl });
  await store.migrate();
  await store.syncFeeds(config.feeds, clock());
  const sinks = await openDestinationSinks(config.destinations);
  const log = createLogger('silent', false);
  const deps: WorkerDeps = {
    store,
    rules: () => compiled.rules,
    gazetteer: loadGazetteer,
    stories: createStoryMemory({ store, log, now: clock }),
    hostLimiter: createHostLimiter(config.fetch.perHost),
    globalLimiter: createHostLimiter(config.fetch.concurrency),
    fetchOptionsFor: () => fetchOptionsFrom(config.fetch),
    destinations: () => sinks.map((sink) => sink.name),
    sinks,
    routing: config.delivery,
    feeds: () => config.feeds,
    now: clock,
    random: () => 0.5,
    log,
    retryBaseMs: 1000,
    retryCapMs: 30_000,
  };
  return {
    deps,
    store,
    config,
    sinks,
    close: async () => {
      for (const sink of sinks) sink.close?.();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A pass-through HTTP proxy to `target` that answers 503 (or drops the connection) while down. */
export interface OutageProxy {
  readonly origin: string;
  down: false | '503' | 'reset';
  close(): Promise<void>;
}

export async function startOutageProxy(target: string): Promise<OutageProxy> {
  const to = new URL(target);
  const proxy: OutageProxy = {
    origin: '',
    down: false,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server = createServer((req, res) => {
    if (proxy.down === 'reset') return void req.socket.destroy();
    if (proxy.down === '503') {
      res.writeHead(503, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ message: 'upstream connect error', code: 0, ok: false, error: 'service_unavailable' }));
    }
    const forward = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(proxy, { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  return proxy;
}

/** Runs `step` until `done` says so, moving the clock `stepMs` and waiting `realMs` between tries. */
export async function repeatUntil(step: () => Promise<unknown>, done: () => boolean, opts: { clock: TestClock; stepMs: number; realMs?: number; maxTries?: number }): Promise<number> {
  for (let tries = 1; tries <= (opts.maxTries ?? 400); tries += 1) {
    await step();
    if (done()) return tries;
    opts.clock.advance(opts.stepMs);
    await new Promise((resolve) => setTimeout(resolve, opts.realMs ?? 20));
  }
  throw new Error('test: gave up waiting');
}
