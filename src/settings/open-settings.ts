// The settings a running worker follows: seeded from the config at start, changed from chat,
// reloaded when their version moves (then the store's feed schedule follows the feed list), and
// the fetch limits of each feed (feeds added from chat go through the SSRF guard on every poll).
import type { Config } from '../config/load-config.ts';
import type { Logger } from '../log/create-logger.ts';
import type { FetchOptions } from '../feeds/fetch/fetch-types.ts';
import type { FeedSource } from '../domain/feed.ts';
import type { Store } from '../store/store.ts';
import type { SettingsStore } from '../store/settings-store.ts';
import { chatFetchOptions } from '../commands/chat-feed-fetch.ts';
import { configSeed } from './config-seed.ts';
import { loadLiveSettings, type LiveSettings } from './live-settings.ts';

export interface OpenSettings {
  readonly live: LiveSettings;
  /**
   * Fetch options per feed: a feed added from chat goes through the SSRF guard on every request,
   * also once removed (its hub is still asked to unsubscribe); the operator's config feeds do not.
   */
  fetchOptionsFor(feed: FeedSource): FetchOptions;
  /** Picks up changes made from chat (and registers new feeds with the store); true when there were some. */
  reload(at: Date): Promise<boolean>;
}

/** Seeds the settings from the config (run under the start-up lock) and loads them. */
export async function openSettings(
  settings: SettingsStore,
  store: Pick<Store, 'syncFeeds'>,
  config: Pick<Config, 'rules' | 'feeds' | 'seedFingerprint' | 'intervalSeconds' | 'delivery' | 'destinations'>,
  fetchOptions: FetchOptions,
  log: Logger,
): Promise<OpenSettings> {
  const now = new Date();
  await settings.seedFromConfig(configSeed(config), now);
  const live = await loadLiveSettings(
    settings,
    { defaultIntervalSeconds: config.intervalSeconds, configRoutes: config.delivery.routes, configDestinations: config.destinations.map((d) => d.name) },
    now,
  );
  for (const problem of live.problems()) log.warn(`rule from chat skipped: ${problem}`);
  await store.syncFeeds(live.feeds(), now);
  const guarded = chatFetchOptions(fetchOptions);
  // Every feed ever added from chat, removed ones included (the live ones among them): read at start
  // and whenever the settings change, the only time the live list changes.
  let chatFeeds: ReadonlySet<string> = new Set(await settings.chatFeedIds());
  return {
    live,
    fetchOptionsFor: (feed) => (chatFeeds.has(feed.id) ? guarded : fetchOptions),
    async reload(at) {
      if (!(await live.refresh(at))) return false;
      chatFeeds = new Set(await settings.chatFeedIds());
      await store.syncFeeds(live.feeds(), at);
      for (const problem of live.problems()) log.warn(`rule from chat skipped: ${problem}`);
      log.info({ rules: live.rules().size, feeds: live.feeds().length }, 'settings changed from chat: reloaded');
      return true;
    },
  };
}
