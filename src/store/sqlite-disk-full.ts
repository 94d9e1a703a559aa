// A full disk on SQLite: SQLite rolls the transaction back itself on SQLITE_FULL, so Kysely's own
// ROLLBACK then fails with "cannot rollback - no transaction is active" and that error hid the real
// one; the driver here skips the rollback when none is open. Once writes succeed again, the WAL is
// checkpointed (TRUNCATE), so the space it holds is given back. https://sqlite.org/rescode.html#full
import type Database from 'better-sqlite3';
import { SqliteDialect, type DatabaseConnection, type Driver, type LogEvent, type SqliteDatabase } from 'kysely';
import type { HealthLog } from './database-health.ts';
import { isDiskFull } from './is-disk-full.ts';

/** Kysely's SQLite dialect whose rollback is a no-op when SQLite already rolled the transaction back. */
export class SqliteDialectKeepingErrors extends SqliteDialect {
  readonly #database: Database.Database;

  /** `queries`: what Kysely prepares statements on (by default the database itself; a statement cache in front of it). */
  constructor(database: Database.Database, queries: SqliteDatabase = database) {
    super({ database: queries });
    this.#database = database;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    const database = this.#database;
    driver.rollbackTransaction = async (connection: DatabaseConnection) => {
      if (database.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

const WRITE = /^\s*(?:insert|update|delete|replace|commit)\b/i;

/**
 * A Kysely `log` hook: remembers a disk-full failure, and after the next successful write (outside a
 * transaction, or its commit) checkpoints the WAL into the database file and truncates it.
 */
export function checkpointAfterDiskFull(database: Database.Database, log?: HealthLog): (event: LogEvent) => void {
  let full = false;
  return (event) => {
    if (event.level === 'error') {
      if (isDiskFull(event.error)) full = true;
      return;
    }
    if (!full || database.inTransaction || !WRITE.test(event.query.sql)) return;
    try {
      const [result] = database.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      if (result === undefined || result.busy !== 0) return; // a reader holds the WAL: try after the next write
      full = false;
      log?.info({ walFramesCheckpointed: result.checkpointed }, 'disk space available again: database writes succeed, write-ahead log checkpointed and truncated');
    } catch {
      // still short of space or busy: try again after the next statement
    }
  };
}
