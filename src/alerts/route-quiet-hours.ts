// Quiet hours: a daily window in a time zone during which normal and low alerts wait (flash never).
// Pure: the caller passes `now`. Wall-clock arithmetic; on a DST change night the end may be an hour off.
import type { QuietHours } from '../domain/route.ts';

const DAY_MINUTES = 24 * 60;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Milliseconds since local midnight in `timeZone`. */
export function localTimeOfDayMs(now: Date, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(now);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000 + now.getUTCMilliseconds();
}

/** When quiet hours end, if `now` is inside them; null otherwise (or when the window is empty). */
export function quietUntil(now: Date, quiet: QuietHours | null): Date | null {
  if (quiet === null || quiet.fromMinute === quiet.toMinute) return null;
  const nowMs = localTimeOfDayMs(now, quiet.timeZone);
  const fromMs = quiet.fromMinute * 60_000;
  const toMs = quiet.toMinute * 60_000;
  const inside = fromMs < toMs ? nowMs >= fromMs && nowMs < toMs : nowMs >= fromMs || nowMs < toMs;
  if (!inside) return null;
  const untilEnd = (toMs - nowMs + DAY_MINUTES * 60_000) % (DAY_MINUTES * 60_000);
  return new Date(now.getTime() + untilEnd);
}
