// Durations in config: a number of seconds, or "90s", "5m", "1h30m", "2d".
import { z } from 'zod';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const DURATION = /^(?:(\d+(?:\.\d+)?)([smhd]))+$/;
const PART = /(\d+(?:\.\d+)?)([smhd])/g;

/** Parses "1h30m" → 5400; returns null for anything else. */
export function parseDurationSeconds(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (!DURATION.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) total += Number(amount) * (UNIT_SECONDS[unit ?? 's'] ?? 1);
  return total;
}

/** A zod schema for a duration, yielding seconds. */
export function durationSeconds(min: number, max: number) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    const seconds = typeof value === 'number' ? value : parseDurationSeconds(value);
    if (seconds === null || !Number.isFinite(seconds)) {
      ctx.addIssue({ code: 'custom', message: `expected a duration such as 90, "90s", "5m" or "1h", got ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    if (seconds < min || seconds > max) {
      ctx.addIssue({ code: 'custom', message: `duration must be between ${min} s and ${max} s, got ${seconds} s` });
      return z.NEVER;
    }
    return seconds;
  });
}
