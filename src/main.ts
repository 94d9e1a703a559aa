// Composition root: builds the worker's dependencies once from the config and hands each
// function only what it needs.
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
import { createDiscordWebhookSink } from './chat/webhook/discord-webhook-sink.ts';
import { createSlackWebhookSink } from './chat/webhook/slack-webhook-sink.ts';
import { createAlertDescriber } from './alerts/describe-alerts.ts';
import { loadGazetteer } from './geo/gazetteer.ts';
import { createStoryIndex } from './stories/story-index.ts';
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

export async function openWorker(config: Config, rules: CompiledRules, log: Logger): Promise<OpenWorker> {
  const store = await openStore({ url: config.databaseUrl });
  await store.migrate();
  await store.syncFeeds(config.feeds);
  log.debug({ database: redactUrl(config.databaseUrl) }, 'store ready');
  const sinks = createSinks(config);
  const deps: WorkerDeps = {
    store,
    rules: () => rules,
    describe: createAlertDescriber({ gazetteer: loadGazetteer, stories: createStoryIndex(), now: () => new Date() }),
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
