// The event's date (YYYY-MM-DD), resolved against the item's publication date
// (docs/check-output.md `facts.when`): "on Friday", "yesterday", "last night", "December 27".
// An event cannot follow its report: a resolved day after `published` moves back a week/year.

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';

const PATTERNS: readonly { readonly re: RegExp; readonly resolve: (m: RegExpExecArray, published: Date | null) => Date | null }[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/, resolve: (m) => utc(Number(m[1]), Number(m[2]) - 1, Number(m[3])) },
  { re: new RegExp(`\\b${MONTH}\\s+${DAY}\\b(?:,?\\s+(\\d{4}))?`), resolve: (m, p) => monthDay(m[1], m[2], m[3], p) },
  { re: new RegExp(`\\b${DAY}\\s+${MONTH}(?:,?\\s+(\\d{4}))?\\b`), resolve: (m, p) => monthDay(m[2], m[1], m[3], p) },
  { re: /\b(yesterday|last night)\b/i, resolve: (_m, p) => (p === null ? null : addDays(day(p), -1)) },
  { re: /\b(today|this (?:morning|afternoon|evening)|tonight|overnight)\b/i, resolve: (_m, p) => (p === null ? null : day(p)) },
  // "on Friday", "Friday's attack", "late on Friday"; "last Friday" is strictly before the report.
  {
    re: /\b(last |next |this )?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/,
    resolve: (m, p) => (p === null || m[1] === 'next ' ? null : weekday(m[2] ?? '', p, m[1] === 'last ')),
  },
];

/** The first date expression in the sentences (title first), or null. */
export function resolveEventDate(sentences: readonly string[], published: Date | null): string | null {
  for (const sentence of sentences) {
    let best: { at: number; date: Date } | null = null;
    for (const { re, resolve } of PATTERNS) {
      const m = re.exec(sentence);
      if (m === null) continue;
      const date = resolve(m, published);
      if (date !== null && (best === null || m.index < best.at)) best = { at: m.index, date };
    }
    if (best !== null) return formatDay(best.date);
  }
  return null;
}

/** YYYY-MM-DD, or null outside years 1000-9999 (ISO strings change shape there). */
function formatDay(d: Date): string | null {
  const year = d.getUTCFullYear();
  return year >= 1000 && year <= 9999 ? d.toISOString().slice(0, 10) : null;
}

function utc(year: number, month: number, date: number): Date | null {
  const d = new Date(Date.UTC(year, month, date));
  return d.getUTCMonth() === month && d.getUTCDate() === date ? d : null;
}

function day(published: Date): Date {
  return new Date(Date.UTC(published.getUTCFullYear(), published.getUTCMonth(), published.getUTCDate()));
}

function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86_400_000);
}

function monthDay(monthName: string | undefined, dayText: string | undefined, yearText: string | undefined, published: Date | null): Date | null {
  const month = MONTHS.findIndex((m) => m.startsWith((monthName ?? '').toLowerCase().slice(0, 3)));
  const date = Number(dayText);
  if (month < 0 || !(date >= 1 && date <= 31)) return null;
  if (yearText !== undefined) return utc(Number(yearText), month, date);
  if (published === null) return null;
  const today = day(published);
  const sameYear = utc(today.getUTCFullYear(), month, date);
  if (sameYear !== null && sameYear.getTime() <= today.getTime()) return sameYear;
  return utc(today.getUTCFullYear() - 1, month, date);
}

function weekday(name: string, published: Date, strictlyBefore: boolean): Date {
  const today = day(published);
  let back = (today.getUTCDay() - WEEKDAYS.indexOf(name.toLowerCase()) + 7) % 7;
  if (back === 0 && strictlyBefore) back = 7;
  return addDays(today, -back);
}
