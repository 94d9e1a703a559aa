// Delivers due outbox rows per destination, in order: claim, route (send now, wait out quiet hours,
// fold into the digest, drop), send through the sink, mark. Follow-ups of a story already shown
// edit its message and reply in its thread; rows older than the destination's `missedAfter` go out
// as one "missed" digest. Retry rules: docs/chat-limits.md; design: docs/architecture.md#the-durable-outbox.
import { createHash } from 'node:crypto';
import type { Alert } from '../domain/alert.ts';
import type { Logger } from '../log/create-logger.ts';
import type { ChatSink, SendOutcome } from '../chat/chat-sink.ts';
import type { Delivery, Store, StoryMessageRecord } from '../store/store.ts';
import { hasCaps, routeDelivery } from '../alerts/route-delivery.ts';
import { DEFAULT_DESTINATION_POLICY, type DeliveryPolicy, type DestinationPolicy, type Route } from '../domain/route.ts';
import { describeStoryUpdate, updatedStoryAlert } from '../alerts/route-story-update.ts';
import { buildDigestAlert, type DigestReason } from '../alerts/digest-alert.ts';
import { metrics } from '../metrics/metrics.ts';
import { retryOnConnectionLoss } from '../store/database-health.ts';

export type { DeliveryPolicy, DestinationPolicy } from '../domain/route.ts';

export interface DeliverDeps {
  readonly store: Store;
  readonly sinks: readonly ChatSink[];
  readonly now: () => Date;
  readonly random: () => number;
  readonly log: Logger;
  /** Routes and per-destination settings; absent: every alert to every sink, now, at normal priority. */
  readonly routing?: DeliveryPolicy;
  /** How long a claim holds before another worker (or this one after a crash) may take the row; default 4 × timeout, at least 2 ×. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
  /** Backoff for 5xx and network errors: base × 2^(attempt-1), capped, with jitter. */
  readonly retryBaseMs?: number;
  readonly retryCapMs?: number;
}

const RETRY_BASE_MS = 2_000;
const RETRY_CAP_MS = 5 * 60_000;
const HOUR_MS = 3_600_000;
/** Rows per digest claim: a digest lists the first few dozen and counts the rest. */
const DIGEST_MAX_ROWS = 500;

type Step = 'idle' | 'more' | 'stop';

interface Context {
  readonly sink: ChatSink;
  readonly deps: DeliverDeps;
  readonly policy: DestinationPolicy;
  readonly routes: readonly Route[];
  readonly leaseMs: number;
  sent: number;
}

/** Delivers everything due now; returns how many messages were sent (posts, edits, digests). */
export async function deliverDue(deps: DeliverDeps): Promise<number> {
  const results = await Promise.all(deps.sinks.map((sink) => deliverTo(sink, deps)));
  return results.reduce((a, b) => a + b, 0);
}

async function deliverTo(sink: ChatSink, deps: DeliverDeps): Promise<number> {
  const policy = deps.routing?.destinations.get(sink.name) ?? DEFAULT_DESTINATION_POLICY;
  const ctx: Context = { sink, deps, policy, routes: deps.routing?.routes ?? [], leaseMs: Math.max(deps.leaseMs ?? 4 * policy.timeoutMs, 2 * policy.timeoutMs), sent: 0 };
  for (;;) {
    const steps: Step[] = [];
    for (const step of [sendMissed, sendDigest, sendPosts]) {
      const result = await step(ctx);
      if (result === 'stop') return ctx.sent;
      steps.push(result);
    }
    if (steps.every((s) => s === 'idle')) return ctx.sent;
  }
}

/** Rows pending longer than the destination's `missedAfter`: one digest instead of a flood, or nothing lost. */
async function sendMissed(ctx: Context): Promise<Step> {
  const { missedAfterMs } = ctx.policy;
  if (missedAfterMs === null) return 'idle';
  const now = ctx.deps.now();
  const rows = await ctx.deps.store.claimDeliveries(ctx.sink.name, now, DIGEST_MAX_ROWS, ctx.leaseMs, {
    waitingSince: new Date(now.getTime() - missedAfterMs),
  });
  if (rows.length === 0) return 'idle';
  return sendGroup(ctx, rows, 'missed');
}

/** Digest rows that are due: those out of quiet hours go out together as one message. */
async function sendDigest(ctx: Context): Promise<Step> {
  const { store } = ctx.deps;
  const now = ctx.deps.now();
  const rows = await store.claimDeliveries(ctx.sink.name, now, DIGEST_MAX_ROWS, ctx.leaseMs, { kind: 'digest' });
  if (rows.length === 0) return 'idle';
  const included: Delivery[] = [];
  for (const row of rows) {
    const decision = routeDelivery({ ruleId: row.alert.ruleId, destination: row.destination, kind: 'digest', isUpdate: false, postsLastHour: 0, now }, ctx.routes, null);
    if (decision.kind === 'drop') await store.dropDelivery(row.outboxId);
    else if (decision.kind === 'wait') await store.rescheduleDelivery(row.outboxId, { dueAt: decision.until });
    else included.push(row);
  }
  if (included.length === 0) return 'more';
  return sendGroup(ctx, included, 'digest');
}

/** Sends several rows as one digest message and marks them all with its outcome. */
async function sendGroup(ctx: Context, rows: readonly Delivery[], reason: DigestReason): Promise<Step> {
  const { store, log } = ctx.deps;
  const digest = buildDigestAlert(rows.map((row) => ({ ...row.alert, priority: 'low' as const })), reason, ctx.deps.now());
  const outcome = await ctx.sink.send(digest, { nonce: digestNonce(rows), mention: null });
  metrics.sent(ctx.sink.name, outcome);
  const at = ctx.deps.now();
  const ids = rows.map((row) => row.outboxId);
  if (outcome.kind === 'sent') {
    // Sent: the mark must land, or a lost connection here would send it again.
    for (const id of ids) await retryOnConnectionLoss(() => store.markDelivered(id, at, outcome.messageId || null));
    ctx.sent += 1;
    log.info({ destination: ctx.sink.name, alerts: rows.length, reason }, reason === 'missed' ? 'missed alerts delivered as one digest' : 'digest delivered');
    return 'more';
  }
  if (outcome.kind === 'permanent') {
    for (const id of ids) await store.markFailed(id, at, outcome.reason);
    log.error({ destination: ctx.sink.name, alerts: rows.length }, `digest failed permanently: ${outcome.reason}`);
    return 'more';
  }
  const first = rows[0];
  const retryAt = retryTime(ctx, outcome, first?.attempts ?? 1, at);
  for (const id of ids) await store.markRetry(id, at, retryAt, outcome.reason);
  log.warn({ destination: ctx.sink.name, alerts: rows.length, retryAt }, `digest will be retried: ${outcome.reason}`);
  return 'stop';
}

/** Own posts and story updates, one at a time in outbox order; a retry stops the destination for now. */
async function sendPosts(ctx: Context): Promise<Step> {
  const { store, log } = ctx.deps;
  const claimedAt = ctx.deps.now();
  const rows = await store.claimDeliveries(ctx.sink.name, claimedAt, ctx.deps.batchSize ?? 20, ctx.leaseMs, { kind: 'post' });
  if (rows.length === 0) return 'idle';
  const posts = hasCaps(ctx.routes) ? await store.countPostsSince(ctx.sink.name, new Date(claimedAt.getTime() - HOUR_MS)) : new Map<string, number>();
  for (const [index, row] of rows.entries()) {
    const now = ctx.deps.now();
    const rest = rows.slice(index + 1).map((r) => r.outboxId);
    if (row.claimedUntil.getTime() - now.getTime() < ctx.policy.timeoutMs) {
      // Too little of the lease left for a send: give the rest back and claim afresh.
      await store.releaseDeliveries([row.outboxId, ...rest]);
      return 'more';
    }
    const decision = routeDelivery(
      { ruleId: row.alert.ruleId, destination: row.destination, kind: 'post', isUpdate: row.storyMessage !== null, postsLastHour: posts.get(row.alert.ruleId) ?? 0, now },
      ctx.routes,
      ctx.policy.mention,
    );
    if (decision.kind === 'drop') {
      await store.dropDelivery(row.outboxId);
      continue;
    }
    if (decision.kind === 'wait' || decision.kind === 'digest') {
      await store.rescheduleDelivery(row.outboxId, decision.kind === 'digest' ? { dueAt: decision.until, kind: 'digest' } : { dueAt: decision.until });
      if (decision.kind === 'digest' && decision.reason === 'cap') log.info({ destination: ctx.sink.name, rule: row.alert.ruleId }, 'hourly cap reached: alert folded into the digest');
      continue;
    }
    if (decision.kind === 'in-digest') continue; // not for 'post' rows
    const result = decision.kind === 'update' ? await sendUpdate(ctx, row, decision.priority) : await sendPost(ctx, row, { ...row.alert, priority: decision.priority }, decision.mention);
    metrics.sent(ctx.sink.name, result.outcome);
    const at = ctx.deps.now();
    if (result.outcome.kind === 'sent') {
      const { messageId } = result.outcome;
      await retryOnConnectionLoss(() => store.markDelivered(row.outboxId, at, messageId || null, result.story ?? undefined));
      if (decision.kind === 'send') posts.set(row.alert.ruleId, (posts.get(row.alert.ruleId) ?? 0) + 1);
      ctx.sent += 1;
      continue;
    }
    if (result.outcome.kind === 'permanent') {
      await store.markFailed(row.outboxId, at, result.outcome.reason);
      log.error({ destination: ctx.sink.name, alert: row.alert.id, rule: row.alert.ruleId }, `delivery failed permanently: ${result.outcome.reason}`);
      continue;
    }
    const retryAt = retryTime(ctx, result.outcome, row.attempts, at);
    await store.markRetry(row.outboxId, at, retryAt, result.outcome.reason);
    // Order per destination: the rest waits behind this row (the store holds them back until it is sent).
    await store.releaseDeliveries(rest);
    log.warn({ destination: ctx.sink.name, alert: row.alert.id, retryAt }, `delivery will be retried: ${result.outcome.reason}`);
    return 'stop';
  }
  return 'more';
}

interface SendResult {
  readonly outcome: SendOutcome;
  readonly story: StoryMessageRecord | null;
}

async function sendPost(ctx: Context, row: Delivery, alert: Alert, mention: string | null): Promise<SendResult> {
  const outcome = await ctx.sink.send(alert, { nonce: nonceFor(alert), mention });
  const story = outcome.kind === 'sent' && outcome.messageId !== '' ? storyRecord(alert, alert, outcome.messageId) : null;
  return { outcome, story: row.alert.storyId === '' ? null : story };
}

/** A follow-up of a story this destination shows: edit its message, then reply in its thread when material. */
async function sendUpdate(ctx: Context, row: Delivery, priority: Alert['priority']): Promise<SendResult> {
  const shown = row.storyMessage;
  if (shown === null) throw new Error('deliver: sendUpdate needs the story message');
  const edited = { ...updatedStoryAlert(shown.alert, row.alert), priority }; // keeps the route's colour
  const story = storyRecord(shown.alert, edited, shown.messageId);
  if (ctx.sink.capabilities?.edit !== false) {
    const outcome = await ctx.sink.edit(shown.messageId, edited);
    if (outcome.kind !== 'sent') return { outcome, story: null };
  }
  const replyText = describeStoryUpdate(row.storyUpdate, row.alert.source);
  if (replyText !== null) {
    const outcome = await ctx.sink.reply(shown.messageId, replyText, { nonce: nonceFor(row.alert, 'wr') });
    if (outcome.kind !== 'sent') return { outcome, story: null };
  }
  return { outcome: { kind: 'sent', messageId: shown.messageId }, story };
}

function storyRecord(first: Alert, shown: Alert, messageId: string): StoryMessageRecord {
  return { storyId: first.storyId, messageId, alertId: first.id, facts: shown.facts, alsoReportedBy: shown.alsoReportedBy };
}

/** When to try again: the platform's Retry-After when it gave one, else capped exponential backoff with jitter. */
function retryTime(ctx: Context, outcome: Extract<SendOutcome, { kind: 'retry' }>, attempts: number, at: Date): Date {
  const waitMs = outcome.afterMs ?? backoffMs(attempts, ctx.deps.random, ctx.deps.retryBaseMs ?? RETRY_BASE_MS, ctx.deps.retryCapMs ?? RETRY_CAP_MS);
  return new Date(at.getTime() + waitMs);
}

/**
 * Discord's nonce (at most 25 characters) for an alert: its id makes a resend a no-op there, and a
 * hash of its item key keeps two installations that post to one channel from answering each other's.
 */
export function nonceFor(alert: Pick<Alert, 'id' | 'itemKey'>, prefix: 'ww' | 'wr' = 'ww'): string {
  return `${prefix}-${alert.id.toString(36)}-${shortHash(alert.itemKey, 8)}`; // base 36: any safe integer fits
}

/** A digest's nonce names its alerts, so a resend of the same digest is a no-op and a larger one is not. */
export function digestNonce(rows: readonly Pick<Delivery, 'alert'>[]): string {
  return `wd-${shortHash(rows.map((row) => `${row.alert.id}:${row.alert.itemKey}`).join('\n'), 20)}`;
}

function shortHash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, length);
}

/** Exponential in the attempt number (1, 2, …), capped, with jitter over the upper half. */
export function backoffMs(attempts: number, random: () => number, baseMs = RETRY_BASE_MS, capMs = RETRY_CAP_MS): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
