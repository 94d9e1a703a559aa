// Composition root: builds the worker's dependencies once from the config and hands each
// function only what it needs.
import type { Config } from './config/load-config.ts';
import type { Logger } from './log/create-logger.ts';
import type { ChatSink } from './chat/chat-sink.ts';
import { createConsoleSink } from './chat/console/console-sink.ts';
import { createAlertDescriber } from './alerts/describe-alerts.ts';
import { DEFAULT_FETCH_OPTIONS, type FetchOptions } from './feeds/fetch-feed.ts';
import { createHostLimiter } from './feeds/host-limiter.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import type { CompiledRules } from './rules/compile-rules.ts';
import type { WorkerDeps } from './worker/run-worker.ts';
import { redactUrl } from './log/create-logger.ts';

export interface OpenWorker {
  readonly deps: WorkerDeps;
  readonly store: Store;
  close(): Promise<void>;
}

export function fetchOptionsOf(config: Config): FetchOptions {
  return {
    ...DEFAULT_FETCH_OPTIONS,
    totalTimeoutMs: config.fetch.totalTimeoutMs,
    connectTimeoutMs: config.fetch.connectTimeoutMs,
    maxBytes: config.fetch.maxBytes,
    maxRedirects: config.fetch.maxRedirects,
  };
}

export function createSinks(config: Config): ChatSink[] {
  return config.destinations.map((destination) => {
    switch (destination.type) {
      case 'console':
        return createConsoleSink(destination.name);
    }
  });
}

export async function openWorker(config: Config, rules: CompiledRules, log: Logger): Promise<OpenWorker> {
  const store = await openStore({ url: config.databaseUrl });
  await store.migrate();
  await store.syncFeeds(config.feeds);
  log.debug({ database: redactUrl(config.databaseUrl) }, 'store ready');
  const sinks = createSinks(config);
  const deps: WorkerDeps = {
    store,
    rules: () => rules,
    describe: createAlertDescriber(),
    hostLimiter: createHostLimiter(config.fetch.perHost),
    globalLimiter: createHostLimiter(config.fetch.concurrency),
    fetchOptions: fetchOptionsOf(config),
    destinations: sinks.map((sink) => sink.name),
    sinks,
    feeds: () => config.feeds,
    now: () => new Date(),
    random: Math.random,
    log,
  };
  return { deps, store, close: () => store.close() };
}
