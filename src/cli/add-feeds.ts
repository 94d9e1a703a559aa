// What `feeds import` and `feeds add` share: the feeds already polled (config, and added from
// chat when the database exists), one key per feed address, and appending new ones to the config.
import { existsSync } from 'node:fs';
import type { FeedSource } from '../domain/feed.ts';
import type { Config } from '../config/load-config.ts';
import type { Env } from '../config/env.ts';
import { addConfigFeeds, type NewConfigFeed } from '../config/add-config-feeds.ts';
import { deriveFeedId } from '../config/feed-id.ts';
import { isPostgresUrl, sqlitePath } from '../store/open-store.ts';
import { openDatabase } from '../store/open-database.ts';
import { UsageError } from './usage-error.ts';

/** One key per feed address: the scheme, a fragment and a trailing slash do not make another feed. Null: not http(s). */
export function feedKey(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return `${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
}

/** Every feed polled, by key (a local file by its path): the config's, then those added from chat. */
export async function knownFeeds(config: Config): Promise<Map<string, FeedSource>> {
  const feeds = new Map<string, FeedSource>();
  const add = (feed: FeedSource): void => {
    const key = feedKey(feed.url) ?? feed.url;
    if (!feeds.has(key)) feeds.set(key, feed);
  };
  config.feeds.forEach(add);
  const url = config.databaseUrl;
  // Reading never creates a database: without one, nothing was added from chat.
  if (!isPostgresUrl(url) && (url === ':memory:' || !existsSync(sqlitePath(url)))) return feeds;
  const database = await openDatabase({ url });
  try {
    await database.migrate();
    for (const feed of await database.settings.loadActiveFeeds(config.intervalSeconds)) if (feed.origin === 'chat') add(feed);
  } finally {
    await database.close();
  }
  return feeds;
}

/** Appends feeds to the config file (unless `dryRun`) under fresh ids; returns them as written. */
export async function addFeedsToConfig(
  settings: { readonly config: Config; readonly env: Env },
  feeds: readonly Omit<NewConfigFeed, 'id'>[],
  dryRun: boolean,
): Promise<NewConfigFeed[]> {
  const ids = new Set(settings.config.feeds.map((f) => f.id));
  const withIds = feeds.map((feed) => {
    let id = deriveFeedId(feed.url);
    for (let n = 2; ids.has(id); n++) id = `${deriveFeedId(feed.url)}-${n}`;
    ids.add(id);
    return { id, ...feed };
  });
  if (dryRun || withIds.length === 0) return withIds;
  const written = await addConfigFeeds(settings.config.file, withIds, settings.env);
  if (written.kind === 'invalid') throw new UsageError(written.message);
  return withIds;
}
