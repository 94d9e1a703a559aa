// WebSub subscriptions in the store (table websub_subscriptions): read by callback id on whichever
// worker a hub calls, and claimed under a short lease so one worker at a time renews, retries or
// ends each (on Postgres with SKIP LOCKED; SQLite has one writer).
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Subscription, SubscriptionState } from '../domain/subscription.ts';
import type { Database, WebSubSubscriptionsTable } from './schema.ts';
import type { DialectKind } from './store-dialect.ts';
import { fromMillisOrNull } from './time.ts';

type Db = Kysely<Database>;

export type SubscriptionChange = Partial<Pick<Subscription, 'state' | 'leaseSeconds' | 'expiresAt' | 'lastError' | 'dueAt'>>;

/** A claimed subscription, with whether its feed is still in the live list. */
export interface ClaimedSubscription extends Subscription {
  readonly feedActive: boolean;
}

export interface SubscriptionStore {
  byId(id: string): Promise<Subscription | null>;
  ofFeed(feedId: string): Promise<Subscription | null>;
  /** Records a new subscription; false when the feed has one already (another worker was first). */
  insert(subscription: Subscription, now: Date): Promise<boolean>;
  /** Changes a subscription and ends any claim on it. */
  update(id: string, change: SubscriptionChange, now: Date): Promise<void>;
  remove(id: string): Promise<void>;
  /** Leases up to `limit` subscriptions due at `now` for `leaseMs`. */
  claimDue(now: Date, leaseMs: number, limit: number): Promise<ClaimedSubscription[]>;
  /** Subscriptions per state (every state present, zeros included). */
  countByState(): Promise<Map<SubscriptionState, number>>;
}

export function subscriptionStore(db: Db, kind: DialectKind): SubscriptionStore {
  return {
    async byId(id) {
      const row = await db.selectFrom('websub_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toSubscription(row) : null;
    },
    async ofFeed(feedId) {
      const row = await db.selectFrom('websub_subscriptions').selectAll().where('feed_id', '=', feedId).executeTakeFirst();
      return row ? toSubscription(row) : null;
    },
    async insert(s, now) {
      const row = await db
        .insertInto('websub_subscriptions')
        .values({
          id: s.id,
          feed_id: s.feedId,
          hub: s.hub,
          topic: s.topic,
          secret: s.secret,
          state: s.state,
          lease_seconds: s.leaseSeconds,
          expires_at: s.expiresAt?.getTime() ?? null,
          last_error: s.lastError,
          due_at: s.dueAt?.getTime() ?? null,
          claimed_until: null,
          created_at: now.getTime(),
          updated_at: now.getTime(),
        })
        .onConflict((oc) => oc.column('feed_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async update(id, change, now) {
      await db.updateTable('websub_subscriptions').set({ ...columnsOf(change), claimed_until: null, updated_at: now.getTime() }).where('id', '=', id).execute();
    },
    async remove(id) {
      await db.deleteFrom('websub_subscriptions').where('id', '=', id).execute();
    },
    async claimDue(now, leaseMs, limit) {
      const at = now.getTime();
      let due = db
        .selectFrom('websub_subscriptions')
        .select('id')
        .where('due_at', '<=', at)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
        .orderBy('due_at')
        .limit(limit);
      if (kind === 'postgres') due = due.forUpdate().skipLocked();
      const rows = await db.updateTable('websub_subscriptions').set({ claimed_until: at + leaseMs }).where('id', 'in', due).returningAll().execute();
      if (rows.length === 0) return [];
      const active = await db
        .selectFrom('feeds')
        .select('id')
        .where('active', '=', 1)
        .where('id', 'in', rows.map((r) => r.feed_id))
        .execute();
      const live = new Set(active.map((r) => r.id));
      return rows.map((row) => ({ ...toSubscription(row), feedActive: live.has(row.feed_id) }));
    },
    async countByState() {
      const rows = await db.selectFrom('websub_subscriptions').select(['state', (eb) => eb.fn.countAll<string>().as('count')]).groupBy('state').execute();
      const counts = new Map<SubscriptionState, number>([['requested', 0], ['active', 0], ['denied', 0], ['unsubscribing', 0], ['failed', 0]]);
      for (const row of rows) counts.set(row.state as SubscriptionState, Number(row.count));
      return counts;
    },
  };
}

/** Subscriptions of feeds just dropped from the live list fall due, so a worker unsubscribes them. */
export async function dueSubscriptionsOf(trx: Db, feedIds: readonly string[], now: Date): Promise<void> {
  if (feedIds.length === 0) return;
  await trx.updateTable('websub_subscriptions').set({ due_at: now.getTime() }).where('feed_id', 'in', feedIds).execute();
}

function columnsOf(change: SubscriptionChange): Updateable<WebSubSubscriptionsTable> {
  return {
    ...(change.state === undefined ? {} : { state: change.state }),
    ...(change.leaseSeconds === undefined ? {} : { lease_seconds: change.leaseSeconds }),
    ...(change.expiresAt === undefined ? {} : { expires_at: change.expiresAt?.getTime() ?? null }),
    ...(change.lastError === undefined ? {} : { last_error: change.lastError }),
    ...(change.dueAt === undefined ? {} : { due_at: change.dueAt?.getTime() ?? null }),
  };
}

function toSubscription(row: Selectable<WebSubSubscriptionsTable>): Subscription {
  return {
    id: row.id,
    feedId: row.feed_id,
    hub: row.hub,
    topic: row.topic,
    secret: row.secret,
    state: row.state as SubscriptionState,
    leaseSeconds: row.lease_seconds,
    expiresAt: fromMillisOrNull(row.expires_at),
    lastError: row.last_error,
    dueAt: fromMillisOrNull(row.due_at),
  };
}
