// Quiet hours: a daily window in a time zone during which normal and low alerts wait (flash never).
// Pure: the caller passes `now`. Wall-clock arithmetic; on a DST change night the end may be an hour off.

export interface QuietHours {
  /** Minutes after local midnight when quiet starts (22:00 → 1320). */
  readonly fromMinute: number;
  /** Minutes after local midnight when quiet ends; earlier than `fromMinute` means the next day. */
  readonly toMinute: number;
  /** IANA time zone, e.g. "Europe/London". */
  readonly timeZone: string;
}

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

/** "22:00" → 1320; null when not HH:MM on a 24-hour clock. */
export function parseClockMinute(text: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
