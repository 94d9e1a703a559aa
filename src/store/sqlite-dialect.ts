// SQLite (better-sqlite3) under Kysely: a file in WAL mode, foreign keys on, a busy timeout.
// SQLite has one writer, so one UPDATE ... RETURNING claims atomically. https://sqlite.org/wal.html
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { selectClaimableIds } from './claimable-rows.ts';
import { cacheStatements } from './sqlite-statement-cache.ts';
import type { Database as Tables } from './schema.ts';
import type { StoreDialect } from './store-dialect.ts';

const BUSY_TIMEOUT_MS = 5_000;

/** Opens (creating it and its directory when missing) the SQLite database at `path`, or `:memory:`. */
export function openSqliteDialect(path: string): StoreDialect {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
  }
  let database: Database.Database;
  try {
    database = new Database(path);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (cause) {
    throw new Error(`store: cannot open SQLite database ${path}`, { cause });
  }
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: cacheStatements(database) }) });
  return {
    kind: 'sqlite',
    db,
    schema: null,
    async claimOutboxIds(request) {
      const rows = await db
        .updateTable('outbox')
        .set((eb) => ({ claimed_until: request.claimedUntil, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', selectClaimableIds(db, request))
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },
  };
}
