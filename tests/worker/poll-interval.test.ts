// The adaptive interval policy: the update rate it learns, the interval it derives within the
// bounds, and why a poll is planned when it is (fixed, adaptive, max-age, backoff, Retry-After, WebSub).
import { describe, expect, it } from 'vitest';
import { baseInterval, observeChanges, planNextPoll, type ChangeHistory, type PollPlanInput } from '../../src/worker/poll-interval.ts';

const T0 = new Date('2026-12-01T00:00:00Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const NONE: ChangeHistory = { changeIntervalMs: null, lastChangeAt: null };
const ADAPTIVE = { intervalSeconds: 120, minIntervalSeconds: 30, maxIntervalSeconds: 3600 };

describe('observeChanges', () => {
  it('a baseline or the first change only starts the clock; nothing new changes nothing', () => {
    expect(observeChanges(NONE, 20, at(0), true)).toEqual({ changeIntervalMs: null, lastChangeAt: at(0) });
    expect(observeChanges(NONE, 1, at(5))).toEqual({ changeIntervalMs: null, lastChangeAt: at(5) });
    const history = { changeIntervalMs: 60_000, lastChangeAt: at(0) };
    expect(observeChanges(history, 0, at(500))).toBe(history);
  });

  it('divides the gap by the items found and averages it with the past (newest weighs 0.3)', () => {
    const first = observeChanges({ changeIntervalMs: null, lastChangeAt: at(0) }, 4, at(120));
    expect(first).toEqual({ changeIntervalMs: 30_000, lastChangeAt: at(120) });
    expect(observeChanges(first, 1, at(420))).toEqual({ changeIntervalMs: Math.round(0.3 * 300_000 + 0.7 * 30_000), lastChangeAt: at(420) });
  });
});

describe('baseInterval', () => {
  it('without bounds the configured interval is kept, whatever the feed does', () => {
    expect(baseInterval({ intervalSeconds: 120 }, { changeIntervalMs: 1000, lastChangeAt: at(0) }, at(1))).toEqual({ seconds: 120, reason: 'fixed' });
  });

  it('is the geometric mean of the configured interval and the time between changes, within the bounds', () => {
    expect(baseInterval(ADAPTIVE, { changeIntervalMs: 480_000, lastChangeAt: at(0) }, at(10))).toEqual({ seconds: 240, reason: 'adaptive' });
    expect(baseInterval(ADAPTIVE, { changeIntervalMs: 1000, lastChangeAt: at(0) }, at(1))).toEqual({ seconds: 30, reason: 'adaptive' });
    expect(baseInterval(ADAPTIVE, { changeIntervalMs: 7 * 86_400_000, lastChangeAt: at(0) }, at(1))).toEqual({ seconds: 3600, reason: 'adaptive' });
  });

  it('a quiet spell longer than the average slows the feed down before any change is seen', () => {
    const once = { changeIntervalMs: null, lastChangeAt: at(0) };
    expect(baseInterval(ADAPTIVE, once, at(60)).seconds).toBe(120); // not yet longer than the interval: nothing known
    expect(baseInterval(ADAPTIVE, once, at(1920)).seconds).toBe(480); // sqrt(1920 × 120)
    expect(baseInterval(ADAPTIVE, { changeIntervalMs: 60_000, lastChangeAt: at(0) }, at(1920)).seconds).toBe(480);
  });

  it('a missing bound is the configured interval: maxInterval alone only slows down, minInterval alone only speeds up', () => {
    const busy = { changeIntervalMs: 1000, lastChangeAt: at(0) };
    const still = { changeIntervalMs: 86_400_000, lastChangeAt: at(0) };
    expect(baseInterval({ intervalSeconds: 120, maxIntervalSeconds: 600 }, busy, at(1)).seconds).toBe(120);
    expect(baseInterval({ intervalSeconds: 120, maxIntervalSeconds: 600 }, still, at(1)).seconds).toBe(600);
    expect(baseInterval({ intervalSeconds: 120, minIntervalSeconds: 10 }, busy, at(1)).seconds).toBe(11);
    expect(baseInterval({ intervalSeconds: 120, minIntervalSeconds: 10 }, still, at(1)).seconds).toBe(120);
  });
});

describe('planNextPoll', () => {
  const input = (over: Partial<PollPlanInput>): PollPlanInput => ({
    bounds: ADAPTIVE,
    history: { changeIntervalMs: 480_000, lastChangeAt: at(0) },
    outcome: 'success',
    consecutiveFailures: 0,
    retryAfterSeconds: null,
    maxAgeSeconds: null,
    pushedIntervalSeconds: null,
    now: at(10),
    random: () => 0,
    ...over,
  });

  it('says why: adaptive, fixed, max-age, WebSub, backoff, Retry-After', () => {
    expect(planNextPoll(input({}))).toEqual({ nextAttemptAt: at(250), intervalSeconds: 240, reason: 'adaptive' });
    expect(planNextPoll(input({ bounds: { intervalSeconds: 120 } }))).toMatchObject({ intervalSeconds: 120, reason: 'fixed' });
    expect(planNextPoll(input({ maxAgeSeconds: 1800 }))).toMatchObject({ intervalSeconds: 1800, reason: 'max-age' });
    expect(planNextPoll(input({ pushedIntervalSeconds: 3600 }))).toMatchObject({ intervalSeconds: 3600, reason: 'websub' });
    expect(planNextPoll(input({ outcome: 'failure', consecutiveFailures: 2, random: () => 0.5 }))).toMatchObject({ intervalSeconds: 600, reason: 'backoff' });
    expect(planNextPoll(input({ outcome: 'failure', consecutiveFailures: 1, retryAfterSeconds: 7200 }))).toMatchObject({ intervalSeconds: 7200, reason: 'retry-after' });
  });

  it('a WebSub safety interval shorter than the adaptive one does not speed polling up', () => {
    expect(planNextPoll(input({ pushedIntervalSeconds: 60 }))).toMatchObject({ intervalSeconds: 240, reason: 'adaptive' });
  });
});

it('over a simulated day, a feed that changes every 2 minutes is polled far more often than one that changes weekly', () => {
  const pollsOver = (changeEverySeconds: number): number => {
    let history: ChangeHistory = NONE;
    let polls = 0;
    let lastSeen = 0;
    for (let t = 0; t < 86_400; ) {
      const changes = Math.floor(t / changeEverySeconds) - Math.floor(lastSeen / changeEverySeconds);
      history = observeChanges(history, polls === 0 ? 1 : changes, at(t), polls === 0);
      lastSeen = t;
      polls += 1;
      t += planNextPoll({ bounds: ADAPTIVE, history, outcome: 'success', consecutiveFailures: 0, retryAfterSeconds: null, maxAgeSeconds: null, pushedIntervalSeconds: null, now: at(t), random: () => 0 }).intervalSeconds;
    }
    return polls;
  };
  const busy = pollsOver(120);
  const weekly = pollsOver(7 * 86_400);
  expect(busy).toBeGreaterThan(5 * weekly);
  expect(busy).toBeLessThanOrEqual(86_400 / 30 + 1); // never above minInterval's rate
  expect(weekly).toBeGreaterThanOrEqual(24); // never below maxInterval's rate
});
