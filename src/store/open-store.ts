// Opens the store: SQLite for a file path (or `sqlite:PATH`, or `:memory:`), Postgres for a
// postgres:// URL, then one set of queries and migrations over either. Design: docs/architecture.md.
import { Migrator } from 'kysely';
import type { Store } from './store.ts';
import type { StoreDialect } from './store-dialect.ts';
import type { HealthLog } from './database-health.ts';
import { createMigrationProvider } from './migrations.ts';
import { claimDueFeeds, feedState, listFeedStates, recordFeedFailure, recordFeedNotModified, releaseFeedLeases, syncFeeds } from './feed-queries.ts';
import { knownItemKeys, knownItems, rememberedItems, saveItems } from './item-queries.ts';
import { acquireLease, releaseLease } from './lease-queries.ts';
import { subscriptionStore } from './websub-queries.ts';
import { itemTexts, pruneStories, resumeStories, saveWithStories } from './story-queries.ts';
import {
  claimDeliveries,
  countAlertsSince,
  countPostsSince,
  dropDelivery,
  markDelivered,
  markFailed,
  markRetry,
  outboxBacklog,
  outboxCounts,
  recentFailures,
  releaseDeliveries,
  rescheduleDelivery,
} from './outbox-queries.ts';

export interface StoreOptions {
  /** `postgres://…` / `postgresql://…`, or a SQLite file path, `sqlite:PATH`, or `:memory:`. */
  readonly url: string;
  /** Postgres schema (created when missing); default `public`. Ignored for SQLite. */
  readonly schema?: string;
  /** Refuse to create a SQLite database that does not exist yet (read-only commands). */
  readonly mustExist?: boolean;
  /** Where the store logs its health once per change: Postgres reachability, SQLite disk space regained. */
  readonly log?: HealthLog;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  return storeOf(await openDialect(options));
}

/** The connection itself, for modules that keep their own tables on it (the settings tables, see open-database.ts). */
export async function openDialect(options: StoreOptions): Promise<StoreDialect> {
  // Each driver is loaded only when its database is used (pg and better-sqlite3 both take a while to load).
  if (isPostgresUrl(options.url)) {
    const { openPostgresDialect } = await import('./postgres-dialect.ts');
    return openPostgresDialect(options.url, options.schema ?? 'public', options.log);
  }
  const { openSqliteDialect } = await import('./sqlite-dialect.ts');
  return openSqliteDialect(sqlitePath(options.url), options.mustExist ?? false, options.log);
}

export function storeOf(dialect: StoreDialect): Store {
  return createStore(dialect);
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** `sqlite:data/x.db` and `sqlite://data/x.db` → `data/x.db`; `sqlite:///abs/x.db` → `/abs/x.db`. */
export function sqlitePath(url: string): string {
  if (!/^sqlite:/i.test(url)) return url;
  const rest = url.slice('sqlite:'.length);
  return rest.startsWith('//') ? rest.slice(2) : rest;
}

function createStore(dialect: StoreDialect): Store {
  const { db } = dialect;
  return {
    async migrate() {
      const migrator = new Migrator({
        db,
        provider: createMigrationProvider(dialect.kind),
        ...(dialect.schema === null ? {} : { migrationTableSchema: dialect.schema }),
      });
      const { error } = await migrator.migrateToLatest();
      if (error !== undefined) throw new Error('store: migration failed', { cause: error });
    },
    close: () => db.destroy(),
    syncFeeds: (sources, now = new Date()) => syncFeeds(db, sources, now),
    feedState: (feedId) => feedState(db, feedId),
    listFeedStates: () => listFeedStates(db),
    claimDueFeeds: (claim) => claimDueFeeds(db, dialect.kind, claim),
    subscriptions: subscriptionStore(db, dialect.kind),
    releaseFeedLeases: (owner, feedIds) => releaseFeedLeases(db, owner, feedIds),
    acquireLease: (name, owner, now, ttlMs) => acquireLease(db, name, owner, now, ttlMs),
    releaseLease: (name, owner) => releaseLease(db, name, owner),
    recordFeedFailure: (feedId, f) => recordFeedFailure(db, feedId, f),
    recordFeedNotModified: (feedId, s) => recordFeedNotModified(db, feedId, s),
    knownItemKeys: (feedId, keys) => knownItemKeys(db, feedId, keys),
    knownItems: (feedId, keys) => knownItems(db, feedId, keys),
    rememberedItems: (feedId, find) => rememberedItems(db, feedId, find),
    saveItems: (feedId, batch) => saveItems(db, feedId, batch),
    saveWithStories: (feedId, afterMemberId, assign) => saveWithStories(db, feedId, afterMemberId, assign),
    resumeStories: (since, limit) => resumeStories(db, since, limit),
    itemTexts: (refs) => itemTexts(db, refs),
    pruneStories: (before) => pruneStories(db, before),
    claimDeliveries: (destination, now, limit, leaseMs, filter) => claimDeliveries(dialect, destination, now, limit, leaseMs, filter),
    releaseDeliveries: (outboxIds) => releaseDeliveries(db, outboxIds),
    rescheduleDelivery: (outboxId, change) => rescheduleDelivery(db, outboxId, change),
    dropDelivery: (outboxId) => dropDelivery(db, outboxId),
    markDelivered: (outboxId, at, messageId, story) => markDelivered(db, outboxId, at, messageId, story),
    markRetry: (outboxId, at, nextAttemptAt, error) => markRetry(db, outboxId, at, nextAttemptAt, error),
    markFailed: (outboxId, at, error) => markFailed(db, outboxId, at, error),
    countPostsSince: (destination, since) => countPostsSince(db, destination, since),
    outboxCounts: () => outboxCounts(db),
    outboxBacklog: () => outboxBacklog(db),
    recentFailures: (limit) => recentFailures(db, limit),
    countAlertsSince: (since) => countAlertsSince(db, since),
  };
}
