// Retention: removes items stored longer ago than the retention period, in small batches with the
// event loop running between them, keeping what is still needed: items with alerts (the outbox and
// story messages point at them), items of a story with an alert inside the period (open stories), and
// each feed's newest items (a feed still listing an old item must find it known, or it would alert again).
import { sql } from 'kysely';
import type { SettingsDb } from './settings-queries.ts';
import type { DialectKind } from './store-dialect.ts';

/** Items scanned per batch (oldest first). */
const BATCH = 500;
/** A feed's newest items are never pruned, however old: feeds list at most about this many. */
export const KEEP_PER_FEED = 200;

export interface PruneOptions {
  /** Items first stored before this are candidates. */
  readonly cutoff: Date;
  /** Stops after this many batches (the next call goes on); default unbounded. */
  readonly maxBatches?: number;
  /** Default KEEP_PER_FEED. */
  readonly keepPerFeed?: number;
}

/** Removes prunable items (and their search index entries); returns how many were removed. */
export async function pruneItems(db: SettingsDb, kind: DialectKind, options: PruneOptions): Promise<number> {
  const cutoff = options.cutoff.getTime();
  let removed = 0;
  let after = 0;
  for (let batch = 0; batch < (options.maxBatches ?? Number.POSITIVE_INFINITY); batch++) {
    if (batch > 0) await new Promise((resolve) => setImmediate(resolve));
    const rows = await db.selectFrom('items').select(['id', 'feed_id', 'fetched_at']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    // Ids grow with the time of storage: the first row inside the period ends the scan.
    const old = rows.filter((r) => r.fetched_at < cutoff);
    if (old.length === 0) break;
    after = old.at(-1)?.id ?? after;
    const kept = await keptOf(db, old, cutoff, options.keepPerFeed ?? KEEP_PER_FEED);
    const doomed = old.map((r) => r.id).filter((id) => !kept.has(id));
    if (doomed.length > 0) {
      await db.transaction().execute(async (trx) => {
        if (kind === 'sqlite') await sql`delete from item_search where rowid in (${sql.join(doomed)})`.execute(trx);
        else await sql`delete from item_search where item_id in (${sql.join(doomed)})`.execute(trx);
        await trx.deleteFrom('items').where('id', 'in', doomed).execute();
      });
      removed += doomed.length;
    }
    if (old.length < rows.length || rows.length < BATCH) break;
  }
  return removed;
}

async function keptOf(db: SettingsDb, rows: readonly { id: number; feed_id: string }[], cutoff: number, keepPerFeed: number): Promise<Set<number>> {
  const ids = rows.map((r) => r.id);
  const kept = new Set<number>();
  const alerted = await db.selectFrom('alerts').select('item_id').where('item_id', 'in', ids).execute();
  for (const r of alerted) kept.add(r.item_id);
  const inOpenStories = await db
    .selectFrom('items')
    .select('id')
    .where('id', 'in', ids)
    .where('story_id', 'in', (eb) => eb.selectFrom('alerts').select('story_id').where('created_at', '>=', cutoff))
    .execute();
  for (const r of inOpenStories) kept.add(r.id);
  for (const feedId of new Set(rows.map((r) => r.feed_id))) {
    const newest = await db.selectFrom('items').select('id').where('feed_id', '=', feedId).orderBy('id', 'desc').offset(keepPerFeed - 1).limit(1).executeTakeFirst();
    for (const r of rows) if (r.feed_id === feedId && (newest === undefined || r.id >= newest.id)) kept.add(r.id);
  }
  return kept;
}
