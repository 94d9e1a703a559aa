// Feed rows and the feed schedule: syncing the live list, claiming due feeds under a lease (N workers
// on one database poll each feed once per interval), reading polling state, recording fetch outcomes.
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { FeedSource } from '../domain/feed.ts';
import type { Database, FeedsTable } from './schema.ts';
import type { IntervalReason } from '../domain/feed.ts';
import type { FeedClaim, FeedState, FeedStatus, FetchSuccess, ScheduleUpdate } from './store.ts';
import type { DialectKind } from './store-dialect.ts';
import { chunks, ROWS_PER_STATEMENT } from './chunks.ts';
import { dueSubscriptionsOf } from './websub-queries.ts';
import { fromMillis, fromMillisOrNull } from './time.ts';

type Db = Kysely<Database>;

/** New feeds' first polls are spread at this rate (at most over their interval): no start-up burst. */
const FIRST_POLLS_PER_SECOND = 20;
/** Rows per multi-row INSERT and ids per IN list: under both dialects' parameter limits. */

/**
 * Makes the feeds table match the live feed list: inserts new feeds (each due at its own slot, so
 * thousands of new feeds do not all poll at once), updates url/title of changed ones (a changed URL
 * is a fresh start for polling), and marks feeds no longer listed inactive (never claimed, history
 * kept). Reads the table once and writes only what differs, so an unchanged list costs one query.
 */
export async function syncFeeds(db: Db, sources: readonly FeedSource[], now: Date): Promise<void> {
  const rows = await db.selectFrom('feeds').select(['id', 'url', 'title', 'active']).execute();
  const known = new Map(rows.map((r) => [r.id, r]));
  const listed = new Set(sources.map((s) => s.id));
  const added = sources.filter((s) => !known.has(s.id));
  const changed = sources.filter((s) => {
    const row = known.get(s.id);
    return row !== undefined && (row.url !== s.url || row.title !== s.title || row.active !== 1);
  });
  const dropped = rows.filter((r) => r.active === 1 && !listed.has(r.id)).map((r) => r.id);
  if (added.length + changed.length + dropped.length === 0) return;
  const spreadMs = (added.length * 1000) / FIRST_POLLS_PER_SECOND;
  await db.transaction().execute(async (trx) => {
    for (const chunk of chunks(added, ROWS_PER_STATEMENT)) {
      await trx
        .insertInto('feeds')
        .values(
          chunk.map((source) => ({
            id: source.id,
            url: source.url,
            title: source.title,
            consecutive_failures: 0,
            baselined: 0,
            created_at: now.getTime(),
            next_attempt_at: now.getTime() + Math.floor(slotOf(source.id) * Math.min(spreadMs, source.intervalSeconds * 1000)),
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing()) // another worker synced it first
        .execute();
    }
    for (const source of changed) await updateFeed(trx, source, now);
    for (const chunk of chunks(dropped, ROWS_PER_STATEMENT)) {
      await trx.updateTable('feeds').set({ active: 0 }).where('id', 'in', chunk).execute();
      await dueSubscriptionsOf(trx, chunk, now);
    }
  });
}

/** A known feed's new url/title; validators and backoff belong to the old URL (a new URL is due now). */
async function updateFeed(trx: Db, source: FeedSource, now: Date): Promise<void> {
  await trx
    .updateTable('feeds')
    .set((eb) => {
      const sameUrl = eb('url', '=', source.url);
      return {
        url: source.url,
        title: source.title,
        active: 1,
        etag: eb.case().when(sameUrl).then(eb.ref('etag')).else(null).end(),
        last_modified: eb.case().when(sameUrl).then(eb.ref('last_modified')).else(null).end(),
        next_attempt_at: eb.case().when(sameUrl).then(eb.ref('next_attempt_at')).else(now.getTime()).end(),
        consecutive_failures: eb.case().when(sameUrl).then(eb.ref('consecutive_failures')).else(0).end(),
      };
    })
    .where('id', '=', source.id)
    .execute();
}

/** A feed's fixed place in [0, 1): FNV-1a of its id, mixed by MurmurHash3's finaliser so similar ids spread evenly. */
function slotOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 2 ** 32;
}

/**
 * Leases up to `limit` active feeds that are due (most overdue first) and not leased by a live
 * claim, and returns their state. On Postgres the rows are locked with SKIP LOCKED, so concurrent
 * workers never claim one feed twice; SQLite has one writer, so one UPDATE ... RETURNING is atomic.
 */
export async function claimDueFeeds(db: Db, kind: DialectKind, claim: FeedClaim): Promise<FeedState[]> {
  const now = claim.now.getTime();
  let due = db
    .selectFrom('feeds')
    .select('id')
    .where('active', '=', 1)
    .where('next_attempt_at', '<=', now) // never null (see the feed schedule migration): a range of feeds_due_index
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(claim.limit);
  if (kind === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await db
    .updateTable('feeds')
    .set({ lease_owner: claim.owner, lease_until: now + claim.leaseMs })
    .where('id', 'in', due)
    .returningAll()
    .execute();
  return rows.map(toFeedState).sort((a, b) => (a.nextAttemptAt?.getTime() ?? 0) - (b.nextAttemptAt?.getTime() ?? 0));
}

/** Gives back the feeds `owner` still leases (a clean shutdown), or those of `feedIds`, due as they were. */
export async function releaseFeedLeases(db: Db, owner: string, feedIds?: readonly string[]): Promise<void> {
  if (feedIds?.length === 0) return;
  let release = db.updateTable('feeds').set({ lease_owner: null, lease_until: null }).where('lease_owner', '=', owner);
  if (feedIds !== undefined) release = release.where('id', 'in', [...feedIds]);
  await release.execute();
}

export async function feedState(db: Db, feedId: string): Promise<FeedState | null> {
  const row = await db.selectFrom('feeds').selectAll().where('id', '=', feedId).executeTakeFirst();
  return row ? toFeedState(row) : null;
}

/** The columns a status needs: reading all of them costs twice as much at 50,000 feeds. */
const STATUS_COLUMNS = [
  'id',
  'url',
  'title',
  'site_title',
  'last_success_at',
  'last_error_at',
  'last_error',
  'consecutive_failures',
  'next_attempt_at',
  'change_interval',
  'last_change_at',
  'poll_interval',
  'interval_reason',
] as const;

export async function listFeedStates(db: Db): Promise<FeedStatus[]> {
  const rows = await db.selectFrom('feeds').select(STATUS_COLUMNS).orderBy('id').execute();
  return rows.map(toFeedStatus);
}

export async function recordFeedFailure(
  db: Db,
  feedId: string,
  f: { at: Date; error: string; nextAttemptAt: Date; schedule?: ScheduleUpdate },
): Promise<void> {
  const result = await db
    .updateTable('feeds')
    .set((eb) => ({
      ...scheduleColumns(f.schedule),
      last_error_at: f.at.getTime(),
      last_error: f.error,
      consecutive_failures: eb('consecutive_failures', '+', 1),
      next_attempt_at: f.nextAttemptAt.getTime(),
      ...LEASE_DONE,
    }))
    .where('id', '=', feedId)
    .executeTakeFirst();
  requireFeedUpdated(result.numUpdatedRows, feedId);
}

export async function recordFeedNotModified(db: Db, feedId: string, s: { at: Date; nextAttemptAt: Date; schedule?: ScheduleUpdate }): Promise<void> {
  const result = await db
    .updateTable('feeds')
    .set({ ...scheduleColumns(s.schedule), last_success_at: s.at.getTime(), consecutive_failures: 0, next_attempt_at: s.nextAttemptAt.getTime(), ...LEASE_DONE })
    .where('id', '=', feedId)
    .executeTakeFirst();
  requireFeedUpdated(result.numUpdatedRows, feedId);
}

/** A fetch that returned a document: new validators, the feed's own title, baselined from now on. */
export async function recordFeedSuccess(db: Db, feedId: string, fetch: FetchSuccess): Promise<void> {
  if (fetch.source === 'push') return recordFeedPush(db, feedId, fetch);
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
      ...scheduleColumns(fetch.schedule),
      ...LEASE_DONE,
    })
    .where('id', '=', feedId)
    .executeTakeFirst();
  requireFeedUpdated(result.numUpdatedRows, feedId);
}

/** A pushed document: the feed's title and update history; its validators, schedule and any poll's lease are left alone. */
async function recordFeedPush(db: Db, feedId: string, fetch: FetchSuccess): Promise<void> {
  const result = await db
    .updateTable('feeds')
    .set({ site_title: fetch.title, baselined: 1, ...scheduleColumns(fetch.schedule) })
    .where('id', '=', feedId)
    .executeTakeFirst();
  requireFeedUpdated(result.numUpdatedRows, feedId);
}

function scheduleColumns(schedule: ScheduleUpdate | undefined): Partial<Pick<Updateable<FeedsTable>, 'change_interval' | 'last_change_at' | 'poll_interval' | 'interval_reason'>> {
  if (schedule === undefined) return {};
  return {
    change_interval: schedule.changeIntervalMs,
    last_change_at: schedule.lastChangeAt?.getTime() ?? null,
    ...(schedule.pollIntervalSeconds === undefined ? {} : { poll_interval: schedule.pollIntervalSeconds }),
    ...(schedule.intervalReason === undefined ? {} : { interval_reason: schedule.intervalReason }),
  };
}

/** Recording a poll's outcome ends its lease. */
const LEASE_DONE = { lease_owner: null, lease_until: null } as const;

function requireFeedUpdated(count: bigint, feedId: string): void {
  if (count === 0n) {
    throw new Error(`store: unknown feed ${JSON.stringify(feedId)} (syncFeeds first)`);
  }
}

function toFeedState(row: Selectable<FeedsTable>): FeedState {
  return {
    ...toFeedStatus(row),
    etag: row.etag,
    lastModified: row.last_modified,
    baselined: row.baselined !== 0,
    createdAt: fromMillis(row.created_at),
  };
}

function toFeedStatus(row: Pick<Selectable<FeedsTable>, (typeof STATUS_COLUMNS)[number]>): FeedStatus {
  return {
    feedId: row.id,
    url: row.url,
    title: row.title ?? row.site_title,
    lastSuccessAt: fromMillisOrNull(row.last_success_at),
    lastErrorAt: fromMillisOrNull(row.last_error_at),
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    nextAttemptAt: fromMillisOrNull(row.next_attempt_at),
    changeIntervalMs: row.change_interval === null ? null : Number(row.change_interval),
    lastChangeAt: fromMillisOrNull(row.last_change_at),
    pollIntervalSeconds: row.poll_interval,
    intervalReason: row.interval_reason as IntervalReason | null,
  };
}
