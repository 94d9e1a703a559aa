// Adaptive polling: how often to poll a feed given how often it changes, then when exactly, on top
// of the fixed-interval rules of backoff.ts (Cache-Control max-age, Retry-After, failure backoff)
// and a slow safety interval while WebSub pushes the feed. Pure: values in, values out.
import type { FeedSchedule, IntervalReason } from '../domain/feed.ts';
import { nextAttemptAt, SUCCESS_JITTER_FRACTION } from './backoff.ts';

/** Weight of the newest observation in the moving average of the time between changes. */
export const CHANGE_AVERAGE_WEIGHT = 0.3;

export interface IntervalBounds {
  /** The configured interval: the fixed interval, or the reference the adaptive one scales from. */
  readonly intervalSeconds: number;
  readonly minIntervalSeconds?: number;
  readonly maxIntervalSeconds?: number;
}

export type ChangeHistory = Pick<FeedSchedule, 'changeIntervalMs' | 'lastChangeAt'>;

/**
 * The history after a poll or push that found `newItems` new items at `at`. The first change only
 * starts the clock (a baseline's items say nothing about the rate); later ones feed the average
 * with the gap divided by the items found (five items in ten minutes: one change every two).
 */
export function observeChanges(history: ChangeHistory, newItems: number, at: Date, baseline = false): ChangeHistory {
  if (newItems <= 0) return history;
  if (baseline || history.lastChangeAt === null) return { changeIntervalMs: history.changeIntervalMs, lastChangeAt: at };
  const perChange = Math.max(0, at.getTime() - history.lastChangeAt.getTime()) / newItems;
  const average = history.changeIntervalMs === null ? perChange : CHANGE_AVERAGE_WEIGHT * perChange + (1 - CHANGE_AVERAGE_WEIGHT) * history.changeIntervalMs;
  return { changeIntervalMs: Math.round(average), lastChangeAt: at };
}

/** True when the feed opted in to adaptive polling. */
export function isAdaptive(bounds: IntervalBounds): boolean {
  return bounds.minIntervalSeconds !== undefined || bounds.maxIntervalSeconds !== undefined;
}

/**
 * The feed's interval before caching hints and failures: the configured one, or, adaptive, the
 * geometric mean of the configured interval and the time between changes, within the bounds (a
 * missing bound is the configured interval). A quiet spell longer than the average counts as the
 * current estimate, so a feed that stops changing slows down without waiting for a change.
 *
 * Why the geometric mean: with a fixed budget of polls, the summed delay of changes polled every
 * T_i (changes at rate r_i) is least when T_i is proportional to 1/sqrt(r_i); scaling from the
 * configured interval keeps the budget near that of the fixed interval for a feed that changes
 * about once per interval.
 */
export function baseInterval(bounds: IntervalBounds, history: ChangeHistory, now: Date): { seconds: number; reason: 'fixed' | 'adaptive' } {
  const interval = bounds.intervalSeconds;
  if (!isAdaptive(bounds)) return { seconds: interval, reason: 'fixed' };
  const min = Math.min(bounds.minIntervalSeconds ?? interval, bounds.maxIntervalSeconds ?? interval);
  const max = Math.max(bounds.maxIntervalSeconds ?? interval, min);
  const changeSeconds = estimatedChangeSeconds(history, now, interval);
  const wanted = changeSeconds === null ? interval : Math.sqrt(changeSeconds * interval);
  return { seconds: Math.round(Math.min(max, Math.max(min, wanted))), reason: 'adaptive' };
}

/** Seconds between changes as now estimated, or null while nothing is known. */
export function estimatedChangeSeconds(history: ChangeHistory, now: Date, intervalSeconds: number): number | null {
  const quietSeconds = history.lastChangeAt === null ? null : Math.max(0, now.getTime() - history.lastChangeAt.getTime()) / 1000;
  if (history.changeIntervalMs === null) {
    // One change seen: a quiet spell longer than the interval already says the feed is slow.
    return quietSeconds !== null && quietSeconds > intervalSeconds ? quietSeconds : null;
  }
  return Math.max(history.changeIntervalMs / 1000, quietSeconds ?? 0);
}

export interface PollPlanInput {
  readonly bounds: IntervalBounds;
  readonly history: ChangeHistory;
  readonly outcome: 'success' | 'not-modified' | 'failure';
  /** Failures in a row including this one (failure only). */
  readonly consecutiveFailures: number;
  readonly retryAfterSeconds: number | null;
  readonly maxAgeSeconds: number | null;
  /** While pushes arrive through a healthy WebSub subscription: poll at least this far apart. */
  readonly pushedIntervalSeconds: number | null;
  readonly now: Date;
  readonly random: () => number;
}

export interface PollPlan {
  readonly nextAttemptAt: Date;
  /** The delay until then, in whole seconds. */
  readonly intervalSeconds: number;
  readonly reason: IntervalReason;
}

/** When to poll next and why: the base interval, stretched by WebSub, then by the rules of backoff.ts. */
export function planNextPoll(input: PollPlanInput): PollPlan {
  const base = baseInterval(input.bounds, input.history, input.now);
  const pushed = input.pushedIntervalSeconds !== null && input.pushedIntervalSeconds > base.seconds;
  const intervalSeconds = pushed ? (input.pushedIntervalSeconds ?? base.seconds) : base.seconds;
  const at = nextAttemptAt({ ...input, intervalSeconds });
  const delaySeconds = (at.getTime() - input.now.getTime()) / 1000;
  let reason: IntervalReason = pushed ? 'websub' : base.reason;
  if (input.outcome === 'failure') reason = input.retryAfterSeconds !== null && input.retryAfterSeconds >= delaySeconds - 1 ? 'retry-after' : 'backoff';
  else if (delaySeconds > intervalSeconds * (1 + SUCCESS_JITTER_FRACTION) + 1) reason = 'max-age';
  return { nextAttemptAt: at, intervalSeconds: Math.round(delaySeconds), reason };
}
