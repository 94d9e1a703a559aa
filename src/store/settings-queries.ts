// The settings queries behind SettingsStore (settings-store.ts): rules and watched feeds seeded from
// the config file and changed from chat, channel routes and mutes, and the version the worker polls
// to pick changes up without a restart.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { FeedSource } from '../domain/feed.ts';
import type { Priority } from '../domain/alert.ts';
import type { RuleDefinition } from '../domain/match.ts';
import type { SettingsTables } from './command-migrations.ts';
import type { Database } from './schema.ts';
import { chunks, ROWS_PER_STATEMENT } from './chunks.ts';
import { fromMillis } from './time.ts';


export type SettingsDb = Kysely<Database & SettingsTables>;
type Trx = Transaction<Database & SettingsTables>;

export type Origin = 'config' | 'chat';

export interface StoredRule extends RuleDefinition {
  readonly origin: Origin;
}

/** An active feed; `origin: 'chat'` feeds must be fetched through the SSRF guard. */
export interface ActiveFeed extends FeedSource {
  readonly origin: Origin;
}

/** A config feed as seeding needs it (interval null: the global default). */
export interface SeedFeed {
  readonly id: string;
  readonly url: string;
  readonly title: string | null;
  readonly intervalSeconds: number | null;
  readonly backfill: number;
}

export interface ConfigSeed {
  readonly rules: readonly RuleDefinition[];
  /** Read only when the fingerprint differs from the one seeded last (it may be a lazy getter). */
  readonly feeds: readonly SeedFeed[];
  /** Stands for the rules and feeds (the config's own, see Config.seedFingerprint); else one is computed from them. */
  readonly fingerprint?: string;
}

export interface ChannelRoute {
  readonly ruleId: string;
  readonly destination: string;
  readonly priority: Priority;
}

/** The counter that grows with every change of rules, feeds, routes or mutes. */
export async function changeVersion(db: SettingsDb): Promise<number> {
  const row = await db.selectFrom('settings_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.version);
}

async function bump(trx: Trx): Promise<void> {
  await trx.updateTable('settings_version').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', 1).execute();
}

/**
 * Seeds rules and feeds from the config file: new ones are added, config-origin ones follow config
 * edits, ones dropped from the config go. Rules and feeds added or removed from chat are left alone.
 * Seeding the config seeded last changes nothing (only seeding writes config-origin rows), so that
 * costs one read instead of reading every feed row.
 */
export async function seedFromConfig(db: SettingsDb, seed: ConfigSeed, now: Date): Promise<void> {
  const fingerprint = seed.fingerprint ?? fingerprintOf(seed);
  await db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('config_seed').select('fingerprint').where('id', '=', 1).executeTakeFirst();
    if (last?.fingerprint === fingerprint) return;
    let changed = false;
    const rules = await trx.selectFrom('rules').selectAll().execute();
    const ruleRows = new Map(rules.map((r) => [r.id, r]));
    for (const rule of seed.rules) {
      const row = ruleRows.get(rule.id);
      if (row === undefined) {
        await trx.insertInto('rules').values({ id: rule.id, query: rule.query, origin: 'config', removed: 0, updated_by: null, updated_at: now.getTime() }).execute();
        changed = true;
      } else if (row.origin === 'config' && row.removed === 0 && row.query !== rule.query) {
        await trx.updateTable('rules').set({ query: rule.query, updated_at: now.getTime() }).where('id', '=', rule.id).execute();
        changed = true;
      }
    }
    const configRuleIds = new Set(seed.rules.map((r) => r.id));
    const droppedRules = rules.filter((r) => r.origin === 'config' && !configRuleIds.has(r.id)).map((r) => r.id);
    if (droppedRules.length > 0) {
      await trx.deleteFrom('rules').where('id', 'in', droppedRules).execute();
      changed = true;
    }

    const feeds = await trx.selectFrom('watched_feeds').selectAll().execute();
    const feedRows = new Map(feeds.map((f) => [f.url, f]));
    const added: SeedFeed[] = [];
    for (const feed of seed.feeds) {
      const row = feedRows.get(feed.url);
      if (row === undefined) added.push(feed);
      else if (row.origin === 'config' && row.removed === 0 && (row.id !== feed.id || row.title !== feed.title || row.interval_seconds !== feed.intervalSeconds || row.backfill !== feed.backfill)) {
        await trx.updateTable('watched_feeds').set({ id: feed.id, title: feed.title, interval_seconds: feed.intervalSeconds, backfill: feed.backfill, updated_at: now.getTime() }).where('url', '=', feed.url).execute();
        changed = true;
      }
    }
    // New URLs in batches (a first start with 50,000 feeds is 100 statements, not 100,000 round trips);
    // a config feed whose URL changed keeps its id, so its old row goes first.
    for (const chunk of chunks(added, ROWS_PER_STATEMENT)) {
      await trx.deleteFrom('watched_feeds').where('origin', '=', 'config').where('id', 'in', chunk.map((f) => f.id)).execute();
      await trx
        .insertInto('watched_feeds')
        .values(chunk.map((f) => ({ url: f.url, id: f.id, title: f.title, interval_seconds: f.intervalSeconds, backfill: f.backfill, origin: 'config', removed: 0, updated_by: null, updated_at: now.getTime() })))
        .execute();
      changed = true;
    }
    const configUrls = new Set(seed.feeds.map((f) => f.url));
    const configIds = new Set(seed.feeds.map((f) => f.id));
    const droppedFeeds = feeds.filter((f) => f.origin === 'config' && !configUrls.has(f.url) && !configIds.has(f.id)).map((f) => f.url);
    for (const chunk of chunks(droppedFeeds, ROWS_PER_STATEMENT)) {
      await trx.deleteFrom('watched_feeds').where('url', 'in', chunk).execute();
      changed = true;
    }
    if (changed) await bump(trx);
    await trx
      .insertInto('config_seed')
      .values({ id: 1, fingerprint })
      .onConflict((oc) => oc.column('id').doUpdateSet({ fingerprint }))
      .execute();
  });
}

function fingerprintOf(seed: ConfigSeed): string {
  // One update per part list, not per row (the digest is the same: a hash reads its updates as one text).
  const hash = createHash('sha256');
  hash.update(seed.rules.map((rule) => JSON.stringify([rule.id, rule.query])).join(''));
  hash.update('\u0000');
  hash.update(seed.feeds.map((feed) => JSON.stringify([feed.id, feed.url, feed.title, feed.intervalSeconds, feed.backfill])).join(''));
  return hash.digest('hex');
}

export async function loadActiveRules(db: SettingsDb): Promise<StoredRule[]> {
  const rows = await db.selectFrom('rules').select(['id', 'query', 'origin']).where('removed', '=', 0).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, query: r.query, origin: r.origin === 'chat' ? 'chat' : 'config' }));
}

export async function findRule(db: SettingsDb, id: string): Promise<StoredRule | null> {
  const row = await db.selectFrom('rules').select(['id', 'query', 'origin']).where('id', '=', id).where('removed', '=', 0).executeTakeFirst();
  return row === undefined ? null : { id: row.id, query: row.query, origin: row.origin === 'chat' ? 'chat' : 'config' };
}

export async function loadActiveFeeds(db: SettingsDb, defaultIntervalSeconds: number): Promise<ActiveFeed[]> {
  const rows = await db.selectFrom('watched_feeds').select(['id', 'url', 'title', 'backfill', 'interval_seconds', 'origin']).where('removed', '=', 0).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    title: r.title,
    backfill: r.backfill,
    intervalSeconds: r.interval_seconds ?? defaultIntervalSeconds,
    origin: r.origin === 'chat' ? 'chat' : 'config',
  }));
}

/** Ids of every feed added from chat, removed ones included (a removed feed's hub is still asked to unsubscribe). */
export async function chatFeedIds(db: SettingsDb): Promise<string[]> {
  const rows = await db.selectFrom('watched_feeds').select('id').where('origin', '=', 'chat').execute();
  return rows.map((r) => r.id);
}

/** Adds a rule from chat; a rule removed earlier under the same id comes back with the new query. */
export async function addRule(db: SettingsDb, rule: RuleDefinition, by: string, now: Date): Promise<'added' | 'exists'> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('rules').select('removed').where('id', '=', rule.id).executeTakeFirst();
    if (row !== undefined && row.removed === 0) return 'exists';
    const values = { query: rule.query, origin: 'chat', removed: 0, updated_by: by, updated_at: now.getTime() };
    if (row === undefined) await trx.insertInto('rules').values({ id: rule.id, ...values }).execute();
    else await trx.updateTable('rules').set(values).where('id', '=', rule.id).execute();
    await bump(trx);
    return 'added';
  });
}

/** Removes a rule (config ones included: the removal outlives restarts), with its channel routes and mute. */
export async function removeRule(db: SettingsDb, id: string, by: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('rules')
      .set({ removed: 1, updated_by: by, updated_at: now.getTime() })
      .where('id', '=', id)
      .where('removed', '=', 0)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await trx.deleteFrom('channel_routes').where('rule_id', '=', id).execute();
    await trx.deleteFrom('rule_mutes').where('rule_id', '=', id).execute();
    await bump(trx);
    return true;
  });
}

export async function addFeed(db: SettingsDb, feed: { url: string; id: string; title: string | null }, by: string, now: Date): Promise<'added' | 'exists'> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('watched_feeds').select('removed').where('url', '=', feed.url).executeTakeFirst();
    if (row !== undefined && row.removed === 0) return 'exists';
    const values = { id: feed.id, title: feed.title, interval_seconds: null, backfill: 0, origin: 'chat', removed: 0, updated_by: by, updated_at: now.getTime() };
    if (row === undefined) await trx.insertInto('watched_feeds').values({ url: feed.url, ...values }).execute();
    else await trx.updateTable('watched_feeds').set(values).where('url', '=', feed.url).execute();
    await bump(trx);
    return 'added';
  });
}

/** Removes a feed by URL or id; returns its URL, or null when no active feed matches. */
export async function removeFeed(db: SettingsDb, urlOrId: string, by: string, now: Date): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('watched_feeds')
      .select('url')
      .where('removed', '=', 0)
      .where((eb) => eb.or([eb('url', '=', urlOrId), eb('id', '=', urlOrId)]))
      .executeTakeFirst();
    if (row === undefined) return null;
    await trx.updateTable('watched_feeds').set({ removed: 1, updated_by: by, updated_at: now.getTime() }).where('url', '=', row.url).execute();
    await bump(trx);
    return row.url;
  });
}

/** Routes a rule to a destination; 'updated' when it was routed there already (the priority may change). */
export async function addRoute(db: SettingsDb, route: ChannelRoute, by: string, now: Date): Promise<'added' | 'updated'> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('channel_routes').where('rule_id', '=', route.ruleId).where('destination', '=', route.destination).executeTakeFirst();
    await trx
      .insertInto('channel_routes')
      .values({ rule_id: route.ruleId, destination: route.destination, priority: route.priority, created_by: by, created_at: now.getTime() })
      .execute();
    await bump(trx);
    return deleted.numDeletedRows > 0n ? 'updated' : 'added';
  });
}

export async function removeRoute(db: SettingsDb, ruleId: string, destination: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('channel_routes').where('rule_id', '=', ruleId).where('destination', '=', destination).executeTakeFirst();
    if (result.numDeletedRows === 0n) return false;
    await bump(trx);
    return true;
  });
}

export async function listRoutes(db: SettingsDb): Promise<ChannelRoute[]> {
  const rows = await db.selectFrom('channel_routes').select(['rule_id', 'destination', 'priority']).orderBy('rule_id').orderBy('destination').execute();
  return rows.map((r) => ({ ruleId: r.rule_id, destination: r.destination, priority: toPriority(r.priority) }));
}

export async function muteRule(db: SettingsDb, ruleId: string, until: Date, by: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('rule_mutes').where('rule_id', '=', ruleId).execute();
    await trx.insertInto('rule_mutes').values({ rule_id: ruleId, until: until.getTime(), muted_by: by, created_at: now.getTime() }).execute();
    await bump(trx);
  });
}

export async function unmuteRule(db: SettingsDb, ruleId: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('rule_mutes').where('rule_id', '=', ruleId).where('until', '>', now.getTime()).executeTakeFirst();
    await trx.deleteFrom('rule_mutes').where('rule_id', '=', ruleId).execute();
    if (result.numDeletedRows === 0n) return false;
    await bump(trx);
    return true;
  });
}

/** Rule id → muted until, for mutes still running at `now`. */
export async function activeMutes(db: SettingsDb, now: Date): Promise<Map<string, Date>> {
  const rows = await db.selectFrom('rule_mutes').select(['rule_id', 'until']).where('until', '>', now.getTime()).execute();
  return new Map(rows.map((r) => [r.rule_id, fromMillis(r.until)]));
}

function toPriority(text: string): Priority {
  return text === 'flash' || text === 'low' ? text : 'normal';
}
