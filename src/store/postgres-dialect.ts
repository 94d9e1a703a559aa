// Postgres (pg Pool) under Kysely, confined to one schema through each connection's search_path.
// Claims take a per-destination advisory lock, then SELECT ... FOR UPDATE SKIP LOCKED, so concurrent
// workers never share a row nor overtake each other within a destination.
// https://www.postgresql.org/docs/current/sql-select.html#SQL-FOR-UPDATE-SHARE
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { selectClaimableIds } from './claimable-rows.ts';
import { SchemaScopedPostgresDialect } from './schema-scoped-postgres-dialect.ts';
import { listenForChanges, type ChangeListener } from './postgres-change-listener.ts';
import { createStatementNames, withNamedStatements } from './postgres-statement-names.ts';
import { connectionReason, createDatabaseHealth, isConnectionFailure, type DatabaseHealth, type HealthLog } from './database-health.ts';
import type { Database } from './schema.ts';
import type { StoreDialect } from './store-dialect.ts';

const INT8_OID = 20;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** pg returns bigint as a string; our bigints are epoch milliseconds and counts, safe as numbers. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new Error(`store: bigint ${value} does not fit a JavaScript number`);
  }
  return n;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Connects to Postgres at `url` and creates `schema` when missing; all queries then run in it.
 * With `log`, the database's reachability is logged once per change (see database-health.ts).
 */
export async function openPostgresDialect(url: string, schema: string, log?: HealthLog): Promise<StoreDialect> {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`store: invalid Postgres schema name ${JSON.stringify(schema)} (letters, digits, _)`);
  }
  // Silent until the database has answered once: a failure to open is the caller's one error.
  let health: DatabaseHealth = { failed: isConnectionFailure, succeeded: () => {} };
  // search_path is set in the startup packet, so every pooled connection is in the schema from its first query.
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, types });
  // A connection can die at any moment (server restart, pg_terminate_backend, network). pg emits
  // 'error' on the pool for an idle client and on the client itself when it is checked out between
  // queries; unhandled, either would crash the process. The query that was running fails with its
  // own error and its caller retries; the dead client is dropped and the next query reconnects.
  const onConnectionError = (error: Error): void => void health.failed(error);
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  const listeners: ChangeListener[] = [];
  const names = createStatementNames();
  const observedPool = {
    async connect() {
      try {
        const client = await pool.connect();
        health.succeeded();
        return withNamedStatements(client, names);
      } catch (error) {
        health.failed(error);
        throw error;
      }
    },
    async end() {
      await Promise.all(listeners.splice(0).map((listener) => listener.close()));
      await pool.end();
    },
  };
  const db = new Kysely<Database>({
    dialect: new SchemaScopedPostgresDialect({ pool: observedPool }, schema),
    log: (event) => (event.level === 'error' ? void health.failed(event.error) : health.succeeded()),
  });
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (cause) {
    // Two processes creating the schema at once: one loses the race on the catalog's unique index.
    if (!isUniqueViolation(cause)) {
      await db.destroy();
      if (isConnectionFailure(cause)) throw new Error(`store: cannot reach Postgres at ${serverOf(url)}: ${connectionReason(cause)}`, { cause });
      throw new Error(`store: cannot create Postgres schema ${schema}: ${connectionReason(cause)}`, { cause });
    }
  }
  if (log !== undefined) health = createDatabaseHealth(log);
  return {
    kind: 'postgres',
    db,
    schema,
    withStartupLock(work) {
      // On a connection of its own: the lock is the session's, the work runs on the rest of the pool.
      return db.connection().execute(async (session) => {
        const key = `wirewatch startup ${schema}`;
        await sql`select pg_advisory_lock(hashtext(${key}))`.execute(session);
        try {
          return await work();
        } finally {
          await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(session).catch(() => undefined); // a lost session has released it
        }
      });
    },
    async listenForChanges(onChange) {
      listeners.push(await listenForChanges({ url, schema, types, onChange, onError: (error) => void health.failed(error) }));
    },
    claimOutboxIds(request) {
      return db.transaction().execute(async (trx) => {
        // One claimer per destination at a time, so the blocking subquery sees the other's leases.
        await sql`select pg_advisory_xact_lock(hashtext(${request.destination}))`.execute(trx);
        const rows = await selectClaimableIds(trx, request).forUpdate().skipLocked().execute();
        const ids = rows.map((r) => r.id);
        if (ids.length === 0) return [];
        await trx
          .updateTable('outbox')
          .set((eb) => ({ claimed_until: request.claimedUntil, attempts: eb('attempts', '+', 1) }))
          .where('id', 'in', ids)
          .execute();
        return ids;
      });
    },
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error.code === '23505' || error.code === '42P06');
}

/** host:port/database of a connection URL, without credentials, for messages. */
function serverOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return 'the configured URL';
  }
}
