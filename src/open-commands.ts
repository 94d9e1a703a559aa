// Composition of the chat-managed settings: the command tables on the store's
// connection, seeded from the config; live rules, feeds, routes and mutes for the worker; the
// deps of the /news command core; and the Discord and Slack front ends when their tokens are set.
import type { Config } from './config/load-config.ts';
import type { Env } from './config/env.ts';
import type { Logger } from './log/create-logger.ts';
import type { FetchOptions } from './feeds/fetch/fetch-types.ts';
import type { FeedSource } from './domain/feed.ts';
import type { Store } from './store/store.ts';
import type { StoreDialect } from './store/store-dialect.ts';
import { commandDbOf, type CommandDbHandle } from './store/open-command-db.ts';
import { seedFromConfig, type ActiveFeed } from './store/command-queries.ts';
import { indexNewItems } from './store/command-search-queries.ts';
import { pruneItems } from './store/prune-items.ts';
import { loadLiveSettings, type LiveSettings } from './commands/live-settings.ts';
import { chatFetchOptions, createChatFeedFetch } from './commands/chat-feed-fetch.ts';
import { searchWordsOf } from './commands/match-stored-items.ts';
import type { CommandDeps } from './commands/command-deps.ts';
import { createChangeSignal, type ChangeSignal } from './commands/change-signal.ts';
import { VERSION } from './version.ts';
import type { HttpMount } from './http/http-server.ts';

export interface OpenCommands {
  readonly handle: CommandDbHandle;
  readonly live: LiveSettings;
  readonly deps: CommandDeps;
  /** Fires when settings change here or (Postgres) in another process: the worker reloads at once. */
  readonly changes: ChangeSignal;
  /** Fetch options per feed: feeds added from chat go through the SSRF guard on every poll. */
  fetchOptionsFor(feed: FeedSource): FetchOptions;
  /** Reloads chat changes, registers new feeds with the store, indexes new items for search, prunes old ones. */
  reload(): Promise<void>;
}

export async function openCommands(dialect: StoreDialect, store: Store, config: Config, fetchOptions: FetchOptions, log: Logger): Promise<OpenCommands> {
  const handle = commandDbOf(dialect);
  await handle.migrate();
  const now = new Date();
  await seedFromConfig(handle.db, { rules: config.rules, feeds: config.feeds }, now);
  const live = await loadLiveSettings(
    handle.db,
    { defaultIntervalSeconds: config.intervalSeconds, configRoutes: config.delivery.routes, configDestinations: config.destinations.map((d) => d.name) },
    now,
  );
  for (const problem of live.problems()) log.warn(`rule from chat skipped: ${problem}`);
  await store.syncFeeds(live.feeds(), now);
  const changes = createChangeSignal();
  await dialect.listenForChanges?.(() => changes.notify()).catch((error: unknown) => {
    log.warn({ err: error }, 'cannot listen for changes from other workers; picking them up every few seconds instead');
  });
  const guarded = chatFetchOptions(fetchOptions);
  let lastPrune = 0;
  // Rebuilt only when the live feed list changes, not per poll.
  let chatFeedIds: { of: readonly ActiveFeed[]; ids: ReadonlySet<string> } | null = null;
  const chatFeeds = (): ReadonlySet<string> => {
    const feeds = live.feeds();
    if (chatFeedIds?.of !== feeds) chatFeedIds = { of: feeds, ids: new Set(feeds.filter((f) => f.origin === 'chat').map((f) => f.id)) };
    return chatFeedIds.ids;
  };
  return {
    handle,
    live,
    changes,
    deps: {
      changed: () => changes.notify(),
      db: handle.db,
      dialect: handle.dialect,
      store,
      testFetch: createChatFeedFetch(fetchOptions),
      version: VERSION,
      defaultIntervalSeconds: config.intervalSeconds,
    },
    fetchOptionsFor: (feed) => (chatFeeds().has(feed.id) ? guarded : fetchOptions),
    async reload() {
      const at = new Date();
      if (await live.refresh(at)) {
        await store.syncFeeds(live.feeds(), at);
        for (const problem of live.problems()) log.warn(`rule from chat skipped: ${problem}`);
        log.info({ rules: live.rules().size, feeds: live.feeds().length }, 'settings changed from chat: reloaded');
      }
      // A bounded share per reload (every few seconds), in small batches: never a long stall.
      await indexNewItems(handle.db, handle.dialect, searchWordsOf, INDEX_PER_RELOAD);
      if (at.getTime() - lastPrune >= PRUNE_EVERY_MS) {
        lastPrune = at.getTime();
        const removed = await pruneItems(handle.db, handle.dialect, { cutoff: new Date(at.getTime() - config.retentionMs) });
        if (removed > 0) log.info({ removed }, 'pruned items past the retention period');
      }
    },
  };
}

/** Items indexed for search per reload; the rest waits for the next one (or for a search, which catches up). */
const INDEX_PER_RELOAD = 5_000;
/** Retention runs this often (and at the first reload). */
const PRUNE_EVERY_MS = 10 * 60_000;

/** Starts /news in Discord and Slack when their tokens are set (Slack's request URL on `http` when given); returns what to close. */
export async function startChatCommands(env: Env, commands: OpenCommands, log: Logger, http: HttpMount | null = null): Promise<(() => Promise<void>)[]> {
  const list = (key: string): string[] => (env.vars.get(key) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const closers: (() => Promise<void>)[] = [];
  const discordToken = env.vars.get('DISCORD_TOKEN');
  if (discordToken && list('DISCORD_GUILD_IDS').length > 0) {
    const { startDiscordCommands } = await import('./chat/discord/slash-commands.ts');
    const discord = await startDiscordCommands({
      token: discordToken,
      applicationId: env.vars.get('DISCORD_APPLICATION_ID'),
      guildIds: list('DISCORD_GUILD_IDS'),
      api: env.discordApi,
      deps: commands.deps,
      managerRoleIds: list('DISCORD_MANAGER_ROLE_IDS'),
      log: log.child({ chat: 'discord' }),
    });
    for (const failed of discord.failedGuilds) log.warn({ guild: failed.guildId }, `could not register /news: ${failed.reason}`);
    closers.push(() => discord.close());
  }
  const slackToken = env.vars.get('SLACK_BOT_TOKEN');
  const signingSecret = env.vars.get('SLACK_SIGNING_SECRET');
  const appToken = env.vars.get('SLACK_APP_TOKEN');
  if (slackToken && (signingSecret || appToken)) {
    const { startSlackCommands } = await import('./chat/slack/slash-commands.ts');
    const slack = await startSlackCommands({
      botToken: slackToken,
      signingSecret: signingSecret ?? '',
      appToken,
      port: Number(env.vars.get('SLACK_COMMANDS_PORT') ?? 3000),
      host: env.vars.get('SLACK_COMMANDS_HOST') ?? '0.0.0.0',
      ...(http ? { mount: http } : {}),
      api: env.slackApi,
      deps: commands.deps,
      managerIds: list('SLACK_MANAGER_IDS'),
      log: log.child({ chat: 'slack' }),
    });
    closers.push(() => slack.close());
  }
  return closers;
}
