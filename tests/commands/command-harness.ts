// A real store (SQLite, and Postgres when WIREWATCH_TEST_DATABASE_URL is set) with the settings
// tables migrated, plus helpers to store items and alerts the way the worker does.
import { afterEach, beforeEach } from 'vitest';
import type { CommandDeps, CommandContext, Channel } from '../../src/commands/command-deps.ts';
import type { FetchResult } from '../../src/feeds/fetch/fetch-types.ts';
import type { Item } from '../../src/domain/item.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import type { OpenDatabase } from '../../src/store/open-database.ts';
import type { ItemArchive } from '../../src/store/item-archive.ts';
import type { SettingsStore } from '../../src/store/settings-store.ts';
import type { StoreOptions } from '../../src/store/open-store.ts';
import type { NewAlert, Store } from '../../src/store/store.ts';
import { useStores } from '../store/dialects.ts';
import type { TestDialect } from '../store/dialects.ts';
import { feedSource, item } from '../store/fixtures.ts';

export const NOW = new Date('2026-03-10T12:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Harness {
  store(): Store;
  /** This test's database, to open it a second time. */
  options(): StoreOptions;
  /** The settings tables, over a second connection to this test's database. */
  settings(): SettingsStore;
  archive(): ItemArchive;
  deps(overrides?: Partial<CommandDeps>): CommandDeps;
  /** Stores items in a feed (created on first use) as one fetch at `fetchedAt`, with optional alerts per item. */
  save(feedId: string, items: readonly (Item | { item: Item; alerts: readonly NewAlert[] })[], fetchedAt?: Date): Promise<void>;
}

export function useCommandStore(dialect: TestDialect): Harness {
  const stores = useStores(dialect);
  let handle: OpenDatabase | null = null;
  beforeEach(async () => {
    handle = await openDatabase(stores.options());
    await handle.migrate();
  });
  afterEach(async () => {
    await handle?.close();
    handle = null;
  });
  const database = (): OpenDatabase => {
    if (handle === null) throw new Error('test: no database open');
    return handle;
  };
  return {
    store: stores.store,
    options: stores.options,
    settings: () => database().settings,
    archive: () => database().archive,
    deps: (overrides = {}) => ({
      settings: database().settings,
      archive: database().archive,
      store: stores.store(),
      testFetch: () => Promise.resolve<FetchResult>({ kind: 'failed', reason: 'no network in this test' }),
      version: '9.9.9-test',
      defaultIntervalSeconds: 120,
      ...overrides,
    }),
    async save(feedId, entries, fetchedAt = NOW) {
      await stores.store().syncFeeds([feedSource(feedId)], fetchedAt);
      const list = entries.map((e) => ('item' in e ? { item: e.item, alerts: e.alerts } : { item: e, alerts: [] }));
      await stores.store().saveItems(feedId, {
        entries: list,
        destinations: ['console'],
        fetch: { at: fetchedAt, etag: null, lastModified: null, nextAttemptAt: new Date(fetchedAt.getTime() + 300_000), title: feedId },
      });
    },
  };
}

export function context(overrides: Partial<CommandContext> = {}): CommandContext {
  return { user: 'U1', canManage: true, channel: DISCORD_CHANNEL, now: NOW, ...overrides };
}

export const DISCORD_CHANNEL: Channel = { platform: 'discord', id: '222222222222222222' };

/** An item published `hoursAgo` before NOW. */
export function news(key: string, title: string, body: string, hoursAgo: number, overrides: Partial<Item> = {}): Item {
  return item(key, { title, body, published: new Date(NOW.getTime() - hoursAgo * HOUR), ...overrides });
}
