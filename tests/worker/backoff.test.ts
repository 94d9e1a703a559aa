// nextAttemptAt: interval, max-age, exponential backoff with jitter, Retry-After, caps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FAILURE_BACKOFF_CAP_SECONDS,
  MAX_AGE_CAP_SECONDS,
  RETRY_AFTER_CAP_SECONDS,
  SUCCESS_JITTER_FRACTION,
  nextAttemptAt,
} from '../../src/worker/backoff.ts';
import type { BackoffInput } from '../../src/worker/backoff.ts';

const NOW = new Date('2026-11-26T10:00:00Z');
const H = 3600;

function delayOf(overrides: Partial<BackoffInput>): number {
  const input: BackoffInput = {
    outcome: 'success',
    consecutiveFailures: 0,
    intervalSeconds: 300,
    retryAfterSeconds: null,
    maxAgeSeconds: null,
    now: NOW,
    random: () => 0.5,
    ...overrides,
  };
  return (nextAttemptAt(input).getTime() - NOW.getTime()) / 1000;
}

describe('nextAttemptAt', () => {
  it.each<[string, Partial<BackoffInput>, number]>([
    ['success, random 0: the interval', { random: () => 0 }, 300],
    ['success, random 0.5: the interval plus half the jitter', {}, 300 * (1 + 0.5 * SUCCESS_JITTER_FRACTION)],
    ['not-modified, random 0: the interval', { outcome: 'not-modified', random: () => 0 }, 300],
    ['not-modified, random ~1: the interval plus the whole jitter', { outcome: 'not-modified', random: () => 0.999999 }, 300 * (1 + SUCCESS_JITTER_FRACTION)],
    ['max-age shorter than the interval is ignored', { maxAgeSeconds: 60, random: () => 0 }, 300],
    ['max-age longer than the interval is honoured', { maxAgeSeconds: 900 }, 900],
    ['max-age is capped at one hour', { outcome: 'not-modified', maxAgeSeconds: 86_400 }, MAX_AGE_CAP_SECONDS],
    ['an interval over the max-age cap still wins', { intervalSeconds: 2 * H, maxAgeSeconds: 86_400, random: () => 0 }, 2 * H],
    ['failure 1, random 0: the interval', { outcome: 'failure', consecutiveFailures: 1, random: () => 0 }, 300],
    ['failure 1, random ~1: twice the interval', { outcome: 'failure', consecutiveFailures: 1, random: () => 0.999999 }, 600],
    ['failure 3, random 0.5: halfway to 8x', { outcome: 'failure', consecutiveFailures: 3, random: () => 0.5 }, 300 + 0.5 * (2400 - 300)],
    ['failure 20: capped at 6 hours', { outcome: 'failure', consecutiveFailures: 20, random: () => 1 }, FAILURE_BACKOFF_CAP_SECONDS],
    ['failure 5000: still capped, still finite', { outcome: 'failure', consecutiveFailures: 5000, random: () => 1 }, FAILURE_BACKOFF_CAP_SECONDS],
    ['failures below 1 count as 1', { outcome: 'failure', consecutiveFailures: 0, random: () => 1 }, 600],
    ['Retry-After longer than the backoff wins', { outcome: 'failure', consecutiveFailures: 1, retryAfterSeconds: 7200 }, 7200],
    ['Retry-After shorter than the interval: the interval', { outcome: 'failure', consecutiveFailures: 1, retryAfterSeconds: 10, random: () => 0 }, 300],
    ['Retry-After is capped at 24 hours', { outcome: 'failure', consecutiveFailures: 1, retryAfterSeconds: 10 * 86_400 }, RETRY_AFTER_CAP_SECONDS],
    ['a daily feed backs off no sooner than daily', { outcome: 'failure', consecutiveFailures: 4, intervalSeconds: 86_400, random: () => 1 }, 86_400],
  ])('%s', (_name, overrides, expectedSeconds) => {
    expect(delayOf(overrides)).toBeCloseTo(expectedSeconds, 2);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects an interval of %d', (intervalSeconds) => {
    expect(() => delayOf({ intervalSeconds })).toThrow(/backoff/);
  });

  const inputs = fc.record({
    outcome: fc.constantFrom('success', 'not-modified', 'failure') as fc.Arbitrary<BackoffInput['outcome']>,
    consecutiveFailures: fc.integer({ min: 0, max: 100 }),
    intervalSeconds: fc.integer({ min: 1, max: 2 * 86_400 }),
    retryAfterSeconds: fc.option(fc.integer({ min: 0, max: 30 * 86_400 })),
    maxAgeSeconds: fc.option(fc.integer({ min: 0, max: 30 * 86_400 })),
    randomValue: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  });

  it('is never sooner than the interval nor later than the applicable cap', () => {
    fc.assert(
      fc.property(inputs, ({ randomValue, ...input }) => {
        const delay = delayOf({ ...input, random: () => randomValue });
        expect(delay).toBeGreaterThanOrEqual(input.intervalSeconds);
        const cap =
          input.outcome === 'failure'
            ? Math.max(FAILURE_BACKOFF_CAP_SECONDS, input.retryAfterSeconds === null ? 0 : RETRY_AFTER_CAP_SECONDS)
            : MAX_AGE_CAP_SECONDS;
        const interval = input.outcome === 'failure' ? input.intervalSeconds : input.intervalSeconds * (1 + SUCCESS_JITTER_FRACTION);
        expect(delay).toBeLessThanOrEqual(Math.max(interval, cap) + 0.001);
      }),
    );
  });

  it('grows (or stays) with the number of failures for the same random draw', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 1, max: 100 }), ({ randomValue, ...input }, more) => {
        const failure = { ...input, outcome: 'failure' as const, random: () => randomValue };
        const fewer = delayOf(failure);
        const later = delayOf({ ...failure, consecutiveFailures: input.consecutiveFailures + more });
        expect(later).toBeGreaterThanOrEqual(fewer - 0.001);
      }),
    );
  });

  it('spreads the next polls of feeds that succeeded together (jitter), never sooner than the interval', () => {
    const delays = [0, 0.25, 0.5, 0.75].map((r) => delayOf({ outcome: 'success', random: () => r }));
    expect(new Set(delays).size).toBe(4);
    expect(Math.min(...delays)).toBe(300);
  });

  it('spreads retries of feeds that failed together (jitter)', () => {
    const delays = new Set([0, 0.25, 0.5, 0.75].map((r) => delayOf({ outcome: 'failure', consecutiveFailures: 3, random: () => r })));
    expect(delays.size).toBe(4);
  });
});
