// How `wirewatch feeds` explains a feed's polling: the delay its last poll planned and why
// (fixed, adaptive with the update rate seen, Cache-Control, Retry-After, backoff, WebSub).
import type { FeedSchedule } from '../domain/feed.ts';

export interface IntervalDescription {
  /** Seconds between the last poll and the next, or null before the first poll. */
  readonly interval: number | null;
  readonly reason: FeedSchedule['intervalReason'];
  /** The update rate learnt (the average time between changes, in seconds), or null while unknown. */
  readonly changesEvery: number | null;
  /** One line for people: "every 4 min (adaptive: changes every ~2 min)". */
  readonly text: string;
}

export function describeInterval(schedule: FeedSchedule, consecutiveFailures: number, configuredSeconds: number, now: Date): IntervalDescription {
  const changesEvery = schedule.changeIntervalMs === null ? null : Math.round(schedule.changeIntervalMs / 1000);
  const quiet = schedule.lastChangeAt === null ? null : (now.getTime() - schedule.lastChangeAt.getTime()) / 1000;
  const rate = changesEvery !== null ? `changes every ~${formatSeconds(changesEvery)}` : quiet !== null ? `no change for ${formatSeconds(quiet)}` : 'no update rate seen yet';
  if (schedule.pollIntervalSeconds === null || schedule.intervalReason === null) {
    return { interval: null, reason: null, changesEvery, text: `every ${formatSeconds(configuredSeconds)} (not polled yet)` };
  }
  const why = {
    fixed: 'fixed',
    adaptive: `adaptive: ${rate}`,
    'max-age': 'Cache-Control max-age',
    'retry-after': 'Retry-After',
    backoff: `backoff after ${consecutiveFailures} failure${consecutiveFailures === 1 ? '' : 's'}`,
    websub: 'WebSub safety interval: updates are pushed',
  }[schedule.intervalReason];
  return { interval: schedule.pollIntervalSeconds, reason: schedule.intervalReason, changesEvery, text: `every ${formatSeconds(schedule.pollIntervalSeconds)} (${why})` };
}

/** 45 s, 12 min, 3.5 h, 2 d. */
export function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Number((seconds / 3600).toFixed(1))} h`;
  return `${Number((seconds / 86_400).toFixed(1))} d`;
}
