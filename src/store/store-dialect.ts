// The small contract each database dialect implements: a ready Kysely instance and the
// one query that needs dialect-specific locking (claiming outbox rows).
import type { StoreDb } from './schema.ts';

export type DialectKind = 'sqlite' | 'postgres';

export interface ClaimRequest {
  readonly destination: string;
  readonly now: number;
  readonly limit: number;
  readonly claimedUntil: number;
  /** Only rows waiting to go out since at or before this epoch ms (see ClaimFilter). */
  readonly waitingSince?: number;
  readonly kind?: string;
}

export interface StoreDialect {
  readonly kind: DialectKind;
  readonly db: StoreDb;
  /** Postgres schema holding the tables (the Migrator's bookkeeping goes there too); null for SQLite. */
  readonly schema: string | null;
  /**
   * Atomically leases due pending rows of one destination (oldest first): sets claimed_until,
   * adds one to attempts, and returns their ids. Two concurrent callers never get the same row, and
   * a claim never runs concurrently with another claim of the same destination (order per destination).
   */
  claimOutboxIds(request: ClaimRequest): Promise<number[]>;
  /**
   * Runs start-up work (migrations, seeding from the config) so that processes starting at once on
   * one database take turns: a session advisory lock on Postgres; on SQLite the busy timeout, and the
   * work run again when another process held the write lock at the wrong moment (it is idempotent).
   */
  withStartupLock<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Calls `onChange` whenever rules, feeds, routes or mutes change in any process (Postgres
   * LISTEN/NOTIFY on a connection of its own, closed with the dialect). Absent on SQLite: one worker
   * is the rule there, and the commands run in its process.
   */
  listenForChanges?(onChange: () => void): Promise<void>;
}
