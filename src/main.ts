// Composition root: builds the worker's dependencies once from the config and hands each
// function only what it needs.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from './config/load-config.ts';
import type { Logger } from './log/create-logger.ts';
import type { ChatSink } from './chat/chat-sink.ts';
import { createConsoleSink } from './chat/console/console-sink.ts';
import type { REST } from 'discord.js';
import type { webApi } from '@slack/bolt';
import { createDiscordBotSink } from './chat/discord/discord-bot-sink.ts';
import { createDiscordRest } from './chat/discord/discord-rest.ts';
import { createSlackBotSink } from './chat/slack/slack-bot-sink.ts';
import { createSlackClient } from './chat/slack/slack-client.ts';
import { createDiscordWebhookSink } from './chat/discord/discord-webhook-sink.ts';
import { createSlackWebhookSink } from './chat/slack/slack-webhook-sink.ts';
import { loadGazetteer } from './geo/gazetteer.ts';
import { createStoryMemory } from './worker/story-memory.ts';
import { fetchOptionsFrom } from './feeds/fetch/fetch-options-from.ts';
import { createHostLimiter } from './worker/host-limiter.ts';
import { openDialect, storeOf } from './store/open-store.ts';
import { openCommands, type OpenCommands } from './open-commands.ts';
import type { Env } from './config/env.ts';
import type { Store } from './store/store.ts';
import type { WorkerDeps } from './worker/run-worker.ts';
import { redactUrl } from './log/create-logger.ts';

export interface OpenWorker {
  readonly deps: WorkerDeps;
  readonly store: Store;
  readonly commands: OpenCommands;
  close(): Promise<void>;
}

/** One sink per active destination; bots of one token share their client (rate limits are per bot). */
export function createSinks(config: Pick<Config, 'destinations'>): ChatSink[] {
  const discordClients = new Map<string, REST>();
  const slackClients = new Map<string, webApi.WebClient>();
  const once = <T>(clients: Map<string, T>, key: string, create: () => T): T => {
    const existing = clients.get(key);
    if (existing !== undefined) return existing;
    const client = create();
    clients.set(key, client);
    return client;
  };
  return config.destinations.map((d): ChatSink => {
    switch (d.type) {
      case 'console':
        return createConsoleSink(d.name);
      case 'discord':
        return createDiscordBotSink({
          name: d.name,
          channelId: d.channelId,
          rest: once(discordClients, `${d.apiUrl} ${d.token}`, () => createDiscordRest(d.token, { api: d.apiUrl, timeoutMs: d.timeoutMs })),
        });
      case 'discord-webhook':
        return createDiscordWebhookSink({ name: d.name, id: d.webhookId, token: d.webhookToken, api: d.apiUrl, timeoutMs: d.timeoutMs });
      case 'slack':
        return createSlackBotSink({
          name: d.name,
          channel: d.channel,
          client: once(slackClients, `${d.apiUrl} ${d.token}`, () => createSlackClient(d.token, { apiUrl: d.apiUrl, timeoutMs: d.timeoutMs })),
        });
      case 'slack-webhook':
        return createSlackWebhookSink({ name: d.name, url: d.url, timeoutMs: d.timeoutMs });
    }
  });
}

/** Sinks for the live destination names: the configured ones, plus `discord:ID` / `slack:ID` channels
 * subscribed from chat, posted with the environment's bot token through one client per bot
 * (rate limits are per bot). */
function createSinkRegistry(config: Config, env: Env): (names: readonly string[]) => ChatSink[] {
  const byName = new Map(createSinks(config).map((sink) => [sink.name, sink]));
  const discordToken = env.vars.get('DISCORD_TOKEN');
  const slackToken = env.vars.get('SLACK_BOT_TOKEN');
  let discordRest: REST | null = null;
  let slackClient: webApi.WebClient | null = null;
  const channelSink = (name: string): ChatSink | null => {
    const [platform, channel = ''] = name.split(':', 2);
    if (channel === '') return null;
    if (platform === 'discord' && discordToken) {
      discordRest ??= createDiscordRest(discordToken, { api: env.discordApi, timeoutMs: CHANNEL_TIMEOUT_MS });
      return createDiscordBotSink({ name, channelId: channel, rest: discordRest });
    }
    if (platform === 'slack' && slackToken) {
      slackClient ??= createSlackClient(slackToken, { apiUrl: env.slackApi, timeoutMs: CHANNEL_TIMEOUT_MS });
      return createSlackBotSink({ name, channel, client: slackClient });
    }
    return null;
  };
  return (names) =>
    names.flatMap((name) => {
      const sink = byName.get(name) ?? channelSink(name);
      if (sink === null) return [];
      byName.set(name, sink);
      return [sink];
    });
}

const CHANNEL_TIMEOUT_MS = 15_000;

export async function openWorker(config: Config, env: Env, log: Logger): Promise<OpenWorker> {
  const dialect = await openDialect({ url: config.databaseUrl, log });
  const store = storeOf(dialect);
  const fetchOptions = fetchOptionsFrom(config.fetch);
  // Migrations and seeding from the config: one process at a time when several start together.
  const commands = await dialect
    .withStartupLock(async () => {
      await store.migrate();
      return openCommands(dialect, store, config, fetchOptions, log);
    })
    .catch(async (error: unknown) => {
      await store.close().catch(() => undefined);
      throw error;
    });
  log.debug({ database: redactUrl(config.databaseUrl) }, 'store ready');
  const { live } = commands;
  const sinksFor = createSinkRegistry(config, env);
  const stories = createStoryMemory({ store, log, now: () => new Date() });
  await stories.warm(); // the stories of the window, as this or another worker left them
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
    fetchOptionsFor: (feed) => commands.fetchOptionsFor(feed),
    destinations: () => live.destinations(),
    isMuted: (ruleId, at) => live.mutedUntil(ruleId, at) !== null,
    // Getters: routes and channels subscribed from chat take effect without a restart.
    get sinks() {
      return sinksFor(live.destinations());
    },
    routing: {
      get routes() {
        return live.routes();
      },
      destinations: config.delivery.destinations,
    },
    feeds: () => live.feeds(),
    reload: () => commands.reload(),
    watchChanges: (listener) => commands.changes.subscribe(listener),
    now: () => new Date(),
    random: Math.random,
    log,
    tickMs: 250,
  };
  const close = async (): Promise<void> => {
    for (const sink of sinksFor(live.destinations())) sink.close?.();
    await store.close();
  };
  return { deps, store, commands, close };
}
