// The composition root: opens the app from the config and the environment (the store, the settings
// edited from chat, the sinks of the destinations) and builds the worker's dependencies once, handing
// each function only what it needs. run-app.ts runs and stops it.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config/load-config.ts';
import type { Env } from '../config/env.ts';
import type { Logger } from '../log/create-logger.ts';
import { redactUrl } from '../log/create-logger.ts';
import { loadGazetteer } from '../geo/gazetteer.ts';
import { createStoryMemory } from '../worker/story-memory.ts';
import { fetchOptionsFrom } from '../feeds/fetch/fetch-options-from.ts';
import { createHostLimiter } from '../worker/host-limiter.ts';
import { openDatabase, type OpenDatabase } from '../store/open-database.ts';
import type { Store } from '../store/store.ts';
import { createDeliveryRequests, lookupFeeds, type WorkerDeps } from '../worker/run-worker.ts';
import type { CommandDeps } from '../commands/command-deps.ts';
import { createChatFeedFetch } from '../commands/chat-feed-fetch.ts';
import { createChangeSignal } from '../commands/change-signal.ts';
import { openSettings, type OpenSettings } from '../settings/open-settings.ts';
import { VERSION } from '../version.ts';
import { createArchiveUpkeep } from './archive-upkeep.ts';
import { openSinks } from './open-sinks.ts';
import { openWebSub, type WebSubHooks } from './open-websub.ts';

export interface OpenApp {
  readonly deps: WorkerDeps;
  readonly store: Store;
  /** The database: core store, settings tables and item archive on one connection. */
  readonly database: OpenDatabase;
  /** The settings the worker follows (changed from chat without a restart). */
  readonly settings: OpenSettings;
  /** What the `/news` command core needs, for the chat front ends. */
  readonly commands: CommandDeps;
  /** WebSub push, when `publicUrl` is set and the worker serves HTTP (not for `run --once`). */
  readonly websub: WebSubHooks | null;
  close(): Promise<void>;
}

/** Opens the app: the store (migrated), the settings seeded from the config, the sinks, and the worker's dependencies. */
export async function openApp(config: Config, env: Env, log: Logger, options: { readonly push?: boolean } = {}): Promise<OpenApp> {
  const database = await openDatabase({ url: config.databaseUrl, log });
  const { store } = database;
  const fetchOptions = fetchOptionsFrom(config.fetch);
  const opened = await (async () => {
    // Migrations and seeding from the config: one process at a time when several start together.
    const settings = await database.migrateThen(() => openSettings(database.settings, store, config, fetchOptions, log));
    log.debug({ database: redactUrl(config.databaseUrl) }, 'store ready');
    return { settings, sinks: await openSinks(config.destinations, env) };
  })().catch(async (error: unknown) => {
    await store.close().catch(() => undefined);
    throw error;
  });
  const { settings, sinks } = opened;
  const { live } = settings;
  // A change from chat here wakes the worker directly; one made by another worker arrives through Postgres LISTEN/NOTIFY.
  const changes = createChangeSignal();
  await database.dialect.listenForChanges?.(() => changes.notify()).catch((error: unknown) => {
    log.warn({ err: error }, 'cannot listen for changes from other workers; picking them up every few seconds instead');
  });
  const commands: CommandDeps = {
    changed: () => changes.notify(),
    settings: database.settings,
    archive: database.archive,
    store,
    testFetch: createChatFeedFetch(fetchOptions),
    version: VERSION,
    defaultIntervalSeconds: config.intervalSeconds,
  };
  const upkeep = createArchiveUpkeep(database.archive, config.retentionMs, log);
  const stories = createStoryMemory({ store, log, now: () => new Date() });
  await stories.warm(); // the stories of the window, as this or another worker left them
  const configFeeds = new Map(config.feeds.map((feed) => [feed.id, feed]));
  const deliveryRequests = createDeliveryRequests();
  const websub =
    config.websub === null || options.push === false
      ? null
      : openWebSub(config.websub, {
          store,
          rules: () => live.rules(),
          gazetteer: loadGazetteer,
          stories,
          destinations: () => live.destinations(),
          isMuted: (ruleId, at) => live.mutedUntil(ruleId, at) !== null,
          feedById: lookupFeeds(() => live.feeds()),
          fetchOptionsFor: (feed) => settings.fetchOptionsFor(feed),
          deliverSoon: () => deliveryRequests.request(),
          maxBytes: config.fetch.maxBytes,
          now: () => new Date(),
          log,
        });
  const deps: WorkerDeps = {
    store,
    rules: () => live.rules(),
    gazetteer: loadGazetteer,
    stories,
    hostLimiter: createHostLimiter(config.fetch.perHost),
    globalLimiter: createHostLimiter(config.fetch.concurrency),
    concurrency: config.fetch.concurrency,
    // Readable in the feeds and leases tables: which host and process holds what.
    workerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    leaseMs: config.fetch.leaseMs,
    fetchOptionsFor: (feed) => settings.fetchOptionsFor(feed),
    // Adaptive bounds: a config feed's own (over the defaults), the config's defaults for feeds added from chat.
    intervalBoundsFor: (feed) => ({ ...config.intervalBounds, ...configFeeds.get(feed.id), intervalSeconds: feed.intervalSeconds }),
    ...(websub === null ? {} : { onDocument: (feed, fetched) => websub.onDocument(feed, fetched), pushedIntervalSeconds: (feedId) => websub.pushedIntervalSeconds(feedId) }),
    deliveryRequests,
    destinations: () => live.destinations(),
    isMuted: (ruleId, at) => live.mutedUntil(ruleId, at) !== null,
    // Getters: routes and channels subscribed from chat take effect without a restart.
    get sinks() {
      return sinks.sinksFor(live.destinations());
    },
    routing: {
      get routes() {
        return live.routes();
      },
      destinations: config.delivery.destinations,
    },
    feeds: () => live.feeds(),
    reload: async () => {
      const at = new Date();
      await settings.reload(at);
      await upkeep(at);
    },
    watchChanges: (listener) => changes.subscribe(listener),
    now: () => new Date(),
    random: Math.random,
    log,
    tickMs: 250,
  };
  const close = async (): Promise<void> => {
    sinks.close();
    await store.close();
  };
  return { deps, store, database, settings, commands, websub, close };
}
