// Decides when a feed is polled next from the outcome of this poll: the configured interval,
// stretched by Cache-Control max-age, by exponential backoff after failures, or by Retry-After. Pure.

/** A server's max-age may stretch the interval up to this (feeds saying "cache 1 day" still get news out). */
export const MAX_AGE_CAP_SECONDS = 60 * 60;
/** After a success, up to this fraction of the interval is added at random, so polls that bunched up drift apart. */
export const SUCCESS_JITTER_FRACTION = 0.02;
/** Exponential backoff after failures stops growing here. */
export const FAILURE_BACKOFF_CAP_SECONDS = 6 * 60 * 60;
/** A Retry-After is obeyed up to this; beyond it the server is likely confused. */
export const RETRY_AFTER_CAP_SECONDS = 24 * 60 * 60;

export interface BackoffInput {
  readonly outcome: 'success' | 'not-modified' | 'failure';
  /** Failures in a row including this one (ignored unless outcome is failure; below 1 counts as 1). */
  readonly consecutiveFailures: number;
  readonly intervalSeconds: number;
  readonly retryAfterSeconds: number | null;
  readonly maxAgeSeconds: number | null;
  readonly now: Date;
  /** Uniform in [0, 1): Math.random in production, a fixed or seeded source in tests. */
  readonly random: () => number;
}

/**
 * The time of the next attempt; never sooner than `intervalSeconds` after `now`.
 *
 * - success / not-modified: the interval plus a jitter of up to SUCCESS_JITTER_FRACTION of it, or the
 *   max-age when longer (capped at MAX_AGE_CAP_SECONDS).
 * - failure n (n = consecutiveFailures): "full jitter" (AWS architecture blog, "Exponential backoff
 *   and jitter") over [interval, min(interval * 2^n, FAILURE_BACKOFF_CAP_SECONDS)], so feeds that
 *   failed together (one host down) do not retry in lockstep; then at least Retry-After (capped at
 *   RETRY_AFTER_CAP_SECONDS). The interval always wins over the caps when it is longer.
 */
export function nextAttemptAt(input: BackoffInput): Date {
  const { intervalSeconds: interval } = input;
  if (!Number.isFinite(interval) || interval <= 0) {
    throw new RangeError(`backoff: intervalSeconds must be a positive number, got ${interval}`);
  }
  return new Date(input.now.getTime() + Math.round(delaySeconds(input) * 1000));
}

function delaySeconds(input: BackoffInput): number {
  const interval = input.intervalSeconds;
  const random = Math.min(Math.max(input.random(), 0), 1);
  if (input.outcome !== 'failure') {
    return Math.max(interval * (1 + random * SUCCESS_JITTER_FRACTION), Math.min(input.maxAgeSeconds ?? 0, MAX_AGE_CAP_SECONDS));
  }
  // 2^n overflows to Infinity for large n, which the cap absorbs; clamp n anyway to stay finite.
  const failures = Math.min(Math.max(1, Math.floor(input.consecutiveFailures)), 64);
  const ceiling = Math.max(interval, Math.min(interval * 2 ** failures, FAILURE_BACKOFF_CAP_SECONDS));
  const backoff = interval + random * (ceiling - interval);
  const retryAfter = Math.min(Math.max(input.retryAfterSeconds ?? 0, 0), RETRY_AFTER_CAP_SECONDS);
  return Math.max(backoff, retryAfter);
}
