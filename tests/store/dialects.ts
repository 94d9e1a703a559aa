// The databases the store suite runs against: SQLite always (a temp file per test), Postgres when
// WIREWATCH_TEST_DATABASE_URL is set (a fresh schema per test, all dropped at the end).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import type { StoreOptions } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';

export interface TestDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Options for a new, empty database (open it as many times as needed). */
  freshDatabase(): StoreOptions;
  /** Removes every database this dialect handed out. */
  cleanup(): Promise<void>;
}

export const POSTGRES_URL = process.env['WIREWATCH_TEST_DATABASE_URL'] ?? null;

function sqliteDialect(): TestDialect {
  let dir: string | null = null;
  let n = 0;
  return {
    name: 'sqlite',
    freshDatabase() {
      dir ??= mkdtempSync(join(tmpdir(), 'wirewatch-store-'));
      n += 1;
      return { url: join(dir, `db-${n}`, 'wirewatch.db') };
    },
    async cleanup() {
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresDialect(url: string): TestDialect {
  // Named after the test run (tests/support/postgres-schemas.ts drops them all at its end), this process and a random part.
  const run = process.env['WIREWATCH_TEST_RUN'];
  const prefix = `wirewatch_test_${run ?? 'solo'}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const schemas: string[] = [];
  return {
    name: 'postgres',
    freshDatabase() {
      const schema = `${prefix}_${schemas.length + 1}`;
      schemas.push(schema);
      return { url, schema };
    },
    async cleanup() {
      if (run !== undefined) return; // the run's teardown drops them, after every file is done
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

export const DIALECTS: readonly TestDialect[] = POSTGRES_URL === null ? [sqliteDialect()] : [sqliteDialect(), postgresDialect(POSTGRES_URL)];

/** Opens and migrates a store; remembered so the suite can close it after the test. */
export async function openMigrated(options: StoreOptions, opened: Store[]): Promise<Store> {
  const store = await openStore(options);
  opened.push(store);
  await store.migrate();
  return store;
}

export interface StoreHandle {
  /** This test's store (a fresh, migrated database). */
  store(): Store;
  /** This test's database options, to open it a second time. */
  options(): StoreOptions;
  /** Opens and migrates another store (closed after the test). */
  open(options: StoreOptions): Promise<Store>;
}

/** Call inside a dialect's describe block: each test gets a fresh, migrated database. */
export function useStores(dialect: TestDialect): StoreHandle {
  let opened: Store[] = [];
  let current: { store: Store; options: StoreOptions } | null = null;
  beforeEach(async () => {
    const options = dialect.freshDatabase();
    current = { store: await openMigrated(options, opened), options };
  });
  afterEach(async () => {
    await Promise.all(opened.map((s) => s.close()));
    opened = [];
    current = null;
  });
  afterAll(() => dialect.cleanup());
  const now = (): { store: Store; options: StoreOptions } => {
    if (current === null) throw new Error('test: no store open');
    return current;
  };
  return { store: () => now().store, options: () => now().options, open: (o) => openMigrated(o, opened) };
}

export const POSTGRES_SKIP_REASON = 'Postgres store tests skipped: set WIREWATCH_TEST_DATABASE_URL=postgres://… to run them';
