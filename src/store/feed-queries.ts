// Feed rows: syncing the configured list, reading polling state, recording fetch outcomes.
import type { Kysely, Selectable } from 'kysely';
import type { FeedSource } from '../domain/feed.ts';
import type { Database, FeedsTable } from './schema.ts';
import type { FeedState, FetchSuccess } from './store.ts';
import { fromMillis, fromMillisOrNull } from './time.ts';

type Db = Kysely<Database>;

/** Inserts new feeds, updates url/title of known ones. A changed URL is a fresh start for polling. */
export async function syncFeeds(db: Db, sources: readonly FeedSource[], now: Date): Promise<void> {
  if (sources.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const source of sources) {
      await trx
        .insertInto('feeds')
        .values({
          id: source.id,
          url: source.url,
          title: source.title,
          consecutive_failures: 0,
          baselined: 0,
          created_at: now.getTime(),
        })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => {
            const sameUrl = eb('feeds.url', '=', eb.ref('excluded.url'));
            return {
              url: eb.ref('excluded.url'),
              title: eb.ref('excluded.title'),
              // Validators and backoff belong to the old URL.
              etag: eb.case().when(sameUrl).then(eb.ref('feeds.etag')).else(null).end(),
              last_modified: eb.case().when(sameUrl).then(eb.ref('feeds.last_modified')).else(null).end(),
              next_attempt_at: eb.case().when(sameUrl).then(eb.ref('feeds.next_attempt_at')).else(null).end(),
              consecutive_failures: eb.case().when(sameUrl).then(eb.ref('feeds.consecutive_failures')).else(0).end(),
            };
          }),
        )
        .execute();
    }
  });
}

export async function feedState(db: Db, feedId: string): Promise<FeedState | null> {
  const row = await db.selectFrom('feeds').selectAll().where('id', '=', feedId).executeTakeFirst();
  return row ? toFeedState(row) : null;
}

export async function listFeedStates(db: Db): Promise<FeedState[]> {
  const rows = await db.selectFrom('feeds').selectAll().orderBy('id').execute();
  return rows.map(toFeedState);
}

export async function recordFeedFailure(
  db: Db,
  feedId: string,
  f: { at: Date; error: string; nextAttemptAt: Date },
): Promise<void> {
  const result = await db
    .updateTable('feeds')
    .set((eb) => ({
      last_error_at: f.at.getTime(),
      last_error: f.error,
      consecutive_failures: eb('consecutive_failures', '+', 1),
      next_attempt_at: f.nextAttemptAt.getTime(),
    }))
    .where('id', '=', feedId)
    .executeTakeFirst();
  requireFeedUpdated(result.numUpdatedRows, feedId);
}

export async function recordFeedNotModified(db: Db, feedId: string, s: { at: Date; nextAttemptAt: Date }): Promise<void> {
  const result = await db
    .updateTable('feeds')
    .set({ last_success_at: s.at.getTime(), consecutive_failures: 0, next_attempt_at: s.nextAttemptAt.getTime() })
    .where('id', '=', feedId)
    .executeTakeFirst();
  requireFeedUpdated(result.numUpdatedRows, feedId);
}

/** A fetch that returned a document: new validators, the feed's own title, baselined from now on. */
export async function recordFeedSuccess(db: Db, feedId: string, fetch: FetchSuccess): Promise<void> {
  const result = await db
    .updateTable('feeds')
    .set({
      last_success_at: fetch.at.getTime(),
      etag: fetch.etag,
      last_modified: fetch.lastModified,
      next_attempt_at: fetch.nextAttemptAt.getTime(),
      site_title: fetch.title,
      consecutive_failures: 0,
      baselined: 1,
    })
    .where('id', '=', feedId)
    .executeTakeFirst();
  requireFeedUpdated(result.numUpdatedRows, feedId);
}

function requireFeedUpdated(count: bigint, feedId: string): void {
  if (count === 0n) {
    throw new Error(`store: unknown feed ${JSON.stringify(feedId)} (syncFeeds first)`);
  }
}

function toFeedState(row: Selectable<FeedsTable>): FeedState {
  return {
    feedId: row.id,
    url: row.url,
    title: row.title ?? row.site_title,
    etag: row.etag,
    lastModified: row.last_modified,
    baselined: row.baselined !== 0,
    lastSuccessAt: fromMillisOrNull(row.last_success_at),
    lastErrorAt: fromMillisOrNull(row.last_error_at),
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    nextAttemptAt: fromMillisOrNull(row.next_attempt_at),
    createdAt: fromMillis(row.created_at),
  };
}
