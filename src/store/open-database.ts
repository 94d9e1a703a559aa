// The one way to open the database: the dialect from the URL (open-store.ts), and over its one
// connection the core store, the settings tables and the item archive, migrated in that order under
// the start-up lock (several processes may start together).
import type { ItemArchive } from './item-archive.ts';
import { itemArchiveOf } from './item-archive.ts';
import { openDialect, storeOf, type StoreOptions } from './open-store.ts';
import type { SettingsStore } from './settings-store.ts';
import { settingsStoreOf } from './settings-store.ts';
import type { StoreDialect } from './store-dialect.ts';
import type { Store } from './store.ts';

export interface OpenDatabase {
  readonly dialect: StoreDialect;
  readonly store: Store;
  readonly settings: SettingsStore;
  readonly archive: ItemArchive;
  /** Migrates every table set under the start-up lock. */
  migrate(): Promise<void>;
  /** Migrates, then runs `then` (seeding, say), all under the start-up lock. */
  migrateThen<T>(then: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDatabase(options: StoreOptions): Promise<OpenDatabase> {
  const dialect = await openDialect(options);
  const store = storeOf(dialect);
  const settings = settingsStoreOf(dialect);
  const migrateThen = <T>(then: () => Promise<T>): Promise<T> =>
    dialect.withStartupLock(async () => {
      await store.migrate();
      await settings.migrate();
      return then();
    });
  return {
    dialect,
    store,
    settings,
    archive: itemArchiveOf(dialect),
    migrate: () => migrateThen(() => Promise.resolve()),
    migrateThen,
    close: () => store.close(),
  };
}
