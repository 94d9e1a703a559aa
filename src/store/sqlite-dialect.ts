// SQLite (better-sqlite3) under Kysely: a file in WAL mode, foreign keys on, a busy timeout.
// SQLite has one writer, so one UPDATE ... RETURNING claims atomically. https://sqlite.org/wal.html
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { checkpointAfterDiskFull, SqliteDialectKeepingErrors } from './sqlite-disk-full.ts';
import type { HealthLog } from './database-health.ts';
import { selectClaimableIds } from './claimable-rows.ts';
import { cacheStatements } from './sqlite-statement-cache.ts';
import type { Database as Tables } from './schema.ts';
import type { StoreDialect } from './store-dialect.ts';

const BUSY_TIMEOUT_MS = 5_000;
const STARTUP_ATTEMPTS = 20;

/** Another process got there first: the database was busy, or it made the table or column this migration was about to. */
function lostStartupRace(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 6; depth += 1, e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
    if (/database is locked|^(?:table|index) \S+ already exists|^duplicate column name/.test(e.message)) return true;
  }
  return false;
}

/**
 * Opens the SQLite database at `path` (or `:memory:`), creating it and its directory when missing,
 * unless `mustExist` (read-only commands: a wrong path must not silently make an empty database).
 */
export function openSqliteDialect(path: string, mustExist = false, log?: HealthLog): StoreDialect {
  if (mustExist && path !== ':memory:' && !existsSync(path)) {
    throw new Error(`store: no SQLite database at ${path} (\`wirewatch run\` creates it; a relative \`database:\` is resolved against the config file's directory)`);
  }
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
  }
  let database: Database.Database;
  try {
    database = new Database(path, { fileMustExist: mustExist });
    // The busy timeout first: switching to WAL needs a lock another process starting may hold.
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (cause) {
    throw new Error(`store: cannot open SQLite database ${path}`, { cause });
  }
  const db = new Kysely<Tables>({ dialect: new SqliteDialectKeepingErrors(database, cacheStatements(database)), log: checkpointAfterDiskFull(database, log) });
  return {
    kind: 'sqlite',
    db,
    schema: null,
    async withStartupLock(work) {
      // A deferred transaction that must upgrade to write is refused at once (SQLITE_BUSY) when
      // another connection wrote meanwhile; the busy timeout cannot help it, so it is run again. Kysely
      // takes no migration lock on SQLite: a migration that finds its table made by the other process
      // is run again too, and then finds the migration applied.
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await work();
        } catch (error) {
          if (attempt >= STARTUP_ATTEMPTS || !lostStartupRace(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
        }
      }
    },
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
