// The outbox: claiming rows as renderable deliveries (with their story's message), marking them
// sent/retry/failed, giving them back, and the counts `wirewatch status` and hourly caps read.
import type { Kysely } from 'kysely';
import type { Alert } from '../domain/alert.ts';
import type { Database, OutboxStatus } from './schema.ts';
import type { ClaimFilter, Delivery, DeliveryFailure, DestinationBacklog, OutboxCounts, OutboxKind, StoryMessageRecord } from './store.ts';
import type { StoryUpdate } from '../domain/alert-draft.ts';
import type { StoreDialect } from './store-dialect.ts';
import { loadAlerts, parseJson } from './alert-rows.ts';
import { fromMillis, fromMillisOrNull } from './time.ts';

type Db = Kysely<Database>;

export async function claimDeliveries(
  dialect: StoreDialect,
  destination: string,
  now: Date,
  limit: number,
  leaseMs: number,
  filter: ClaimFilter = {},
): Promise<Delivery[]> {
  if (limit <= 0) return [];
  const ids = await dialect.claimOutboxIds({
    destination,
    now: now.getTime(),
    limit,
    claimedUntil: now.getTime() + leaseMs,
    ...(filter.waitingSince === undefined ? {} : { waitingSince: filter.waitingSince.getTime() }),
    ...(filter.kind === undefined ? {} : { kind: filter.kind }),
  });
  return loadDeliveries(dialect.db, ids);
}

/** Claimed rows with their alert, and their story's message in the destination, in outbox order. */
async function loadDeliveries(db: Db, ids: readonly number[]): Promise<Delivery[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('outbox')
    .innerJoin('alerts', 'alerts.id', 'outbox.alert_id')
    .leftJoin('story_messages', (join) =>
      join.onRef('story_messages.story_id', '=', 'alerts.story_id').onRef('story_messages.destination', '=', 'outbox.destination'),
    )
    .select([
      'outbox.id as outbox_id',
      'outbox.alert_id',
      'outbox.destination',
      'outbox.kind',
      'outbox.attempts',
      'outbox.created_at',
      'outbox.claimed_until',
      'alerts.story_update',
      'story_messages.message_id as story_message_id',
      'story_messages.alert_id as story_alert_id',
      'story_messages.facts as story_facts',
      'story_messages.also_reported_by as story_also_reported_by',
    ])
    .where('outbox.id', 'in', ids)
    .orderBy('outbox.id')
    .execute();
  const alertIds = rows.flatMap((r) => (r.story_alert_id === null ? [r.alert_id] : [r.alert_id, r.story_alert_id]));
  const alerts = await loadAlerts(db, alertIds);
  return rows.map((r) => {
    const found = alerts.get(r.alert_id);
    if (found === undefined) throw new Error(`store: outbox row ${r.outbox_id} lost its alert ${r.alert_id}`);
    const original = r.story_alert_id === null ? undefined : alerts.get(r.story_alert_id);
    const storyMessage =
      r.story_message_id === null || original === undefined
        ? null
        : {
            messageId: r.story_message_id,
            alert: {
              ...original.alert,
              facts: parseJson<Alert['facts']>(r.story_facts),
              alsoReportedBy: parseJson<string[]>(r.story_also_reported_by) ?? [],
            },
          };
    return {
      outboxId: r.outbox_id,
      destination: r.destination,
      kind: r.kind === 'digest' ? 'digest' : 'post',
      attempts: r.attempts,
      createdAt: fromMillis(r.created_at),
      claimedUntil: fromMillis(r.claimed_until ?? r.created_at),
      feedId: found.feedId,
      alert: found.alert,
      storyUpdate: parseJson<StoryUpdate>(r.story_update),
      storyMessage,
    };
  });
}

export async function markDelivered(db: Db, outboxId: number, at: Date, messageId: string | null, story?: StoryMessageRecord): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: at.getTime(), message_id: messageId, claimed_until: null, retrying: 0 })
      .where('id', '=', outboxId)
      .returning('destination')
      .executeTakeFirst();
    if (result === undefined) throw unknownRow(outboxId);
    if (story === undefined) return;
    const values = {
      message_id: story.messageId,
      alert_id: story.alertId,
      facts: story.facts === null ? null : JSON.stringify(story.facts),
      also_reported_by: JSON.stringify(story.alsoReportedBy),
      updated_at: at.getTime(),
    };
    await trx
      .insertInto('story_messages')
      .values({ story_id: story.storyId, destination: result.destination, created_at: at.getTime(), ...values })
      .onConflict((oc) => oc.columns(['story_id', 'destination']).doUpdateSet(values))
      .execute();
  });
}

/** Back to pending until `nextAttemptAt`, holding its destination's order. A row already sent or failed is left as it is. */
export async function markRetry(db: Db, outboxId: number, at: Date, nextAttemptAt: Date, error: string): Promise<void> {
  const result = await db
    .updateTable('outbox')
    .set({ next_attempt_at: nextAttemptAt.getTime(), last_error: error, last_error_at: at.getTime(), claimed_until: null, retrying: 1 })
    .where('id', '=', outboxId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) await requireRow(db, outboxId);
}

/** Never retried. A row already sent is left as it is. */
export async function markFailed(db: Db, outboxId: number, at: Date, error: string): Promise<void> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'failed', last_error: error, last_error_at: at.getTime(), claimed_until: null, retrying: 0 })
    .where('id', '=', outboxId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) await requireRow(db, outboxId);
}

/** Unclaims rows without counting the claim as an attempt. */
export async function releaseDeliveries(db: Db, outboxIds: readonly number[]): Promise<void> {
  if (outboxIds.length === 0) return;
  await db
    .updateTable('outbox')
    .set((eb) => ({ claimed_until: null, attempts: eb('attempts', '-', 1) }))
    .where('id', 'in', outboxIds)
    .where('status', '=', 'pending')
    .where('claimed_until', 'is not', null)
    .execute();
}

export async function rescheduleDelivery(db: Db, outboxId: number, change: { readonly dueAt: Date; readonly kind?: OutboxKind }): Promise<void> {
  const result = await db
    .updateTable('outbox')
    .set((eb) => ({
      claimed_until: null,
      attempts: eb('attempts', '-', 1),
      next_attempt_at: change.dueAt.getTime(),
      retrying: 0,
      ...(change.kind === undefined ? {} : { kind: change.kind }),
    }))
    .where('id', '=', outboxId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) await requireRow(db, outboxId);
}

export async function dropDelivery(db: Db, outboxId: number): Promise<void> {
  await db.deleteFrom('outbox').where('id', '=', outboxId).where('status', '=', 'pending').execute();
}

export async function countPostsSince(db: Db, destination: string, since: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .innerJoin('alerts', 'alerts.id', 'outbox.alert_id')
    .select((eb) => ['alerts.rule_id', eb.fn.countAll<number>().as('count')])
    .where('outbox.destination', '=', destination)
    .where('outbox.sent_at', '>=', since.getTime())
    .where('outbox.status', '=', 'sent')
    .where('outbox.kind', '=', 'post')
    .groupBy('alerts.rule_id')
    .execute();
  return new Map(rows.map((r) => [r.rule_id, Number(r.count)]));
}

export async function outboxCounts(db: Db): Promise<OutboxCounts> {
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  return countsOf(rows);
}

export async function outboxBacklog(db: Db): Promise<DestinationBacklog[]> {
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['destination', 'status', eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .groupBy(['destination', 'status'])
    .orderBy('destination')
    .execute();
  const destinations = [...new Set(rows.map((r) => r.destination))];
  return destinations.map((destination) => {
    const mine = rows.filter((r) => r.destination === destination);
    const oldest = mine.find((r) => r.status === 'pending')?.oldest;
    return { destination, ...countsOf(mine), oldestPendingAt: fromMillisOrNull(oldest === undefined || oldest === null ? null : Number(oldest)) };
  });
}

export async function recentFailures(db: Db, limit: number): Promise<DeliveryFailure[]> {
  const rows = await db
    .selectFrom('outbox')
    .innerJoin('alerts', 'alerts.id', 'outbox.alert_id')
    .innerJoin('items', 'items.id', 'alerts.item_id')
    .select(['outbox.id', 'outbox.destination', 'outbox.alert_id', 'alerts.rule_id', 'items.title', 'outbox.last_error', 'outbox.last_error_at'])
    .where('outbox.status', '=', 'failed')
    .orderBy('outbox.last_error_at', 'desc')
    .orderBy('outbox.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    outboxId: r.id,
    destination: r.destination,
    alertId: r.alert_id,
    ruleId: r.rule_id,
    title: r.title,
    error: r.last_error ?? '',
    at: fromMillis(r.last_error_at ?? 0),
  }));
}

export async function countAlertsSince(db: Db, since: Date): Promise<number> {
  const row = await db
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('created_at', '>=', since.getTime())
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

function countsOf(rows: readonly { readonly status: OutboxStatus; readonly count: number | string | bigint }[]): OutboxCounts {
  const count = (status: OutboxStatus): number => Number(rows.find((r) => r.status === status)?.count ?? 0);
  return { pending: count('pending'), failed: count('failed'), sent: count('sent') };
}

async function requireRow(db: Db, outboxId: number): Promise<void> {
  const row = await db.selectFrom('outbox').select('id').where('id', '=', outboxId).executeTakeFirst();
  if (!row) throw unknownRow(outboxId);
}

function unknownRow(outboxId: number): Error {
  return new Error(`store: unknown outbox row ${outboxId}`);
}
