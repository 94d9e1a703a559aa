// Times of day in the configuration (quiet hours), written on a 24-hour clock.

/** "22:00" → 1320; null when not HH:MM on a 24-hour clock. */
export function parseClockMinute(text: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
