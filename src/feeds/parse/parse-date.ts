// Parses the dates feeds carry into UTC: RFC 822/1123 (RSS, including the broken forms seen in
// the wild and named zones such as EST/PDT/CEST) and ISO 8601 / RFC 3339 (Atom, JSON Feed).

// Offsets in minutes east of UTC. RFC 822 section 5 names UT/GMT and the four US zones; the
// rest are common in real feeds. Ambiguous names take their most frequent meaning in news feeds.
const ZONES: Readonly<Record<string, number>> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  bst: 60, ist: 330, cet: 60, cest: 120, met: 60, mest: 120, west: 60, eet: 120, eest: 180,
  msk: 180, sast: 120, wat: 60, eat: 180, pkt: 300, hkt: 480, sgt: 480, awst: 480,
  jst: 540, kst: 540, acst: 570, acdt: 630, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
};

// Month-name prefixes, English first, then the French, German, Spanish, Italian, Portuguese and
// Dutch forms non-English feeds put in RFC 822 dates ("Seg, 24 Set 2018"). Longest prefix wins
// (French "juin"/"juil"); accents are stripped before lookup.
const MONTH_PREFIXES: readonly (readonly [string, number])[] = [
  ['juin', 5], ['juil', 6],
  ['jan', 0], ['feb', 1], ['mar', 2], ['apr', 3], ['may', 4], ['jun', 5], ['jul', 6], ['aug', 7], ['sep', 8], ['oct', 9], ['nov', 10], ['dec', 11],
  ['fev', 1], ['avr', 3], ['mai', 4], ['aou', 7],
  ['mrz', 2], ['okt', 9], ['dez', 11],
  ['ene', 0], ['abr', 3], ['ago', 7], ['dic', 11],
  ['gen', 0], ['mag', 4], ['giu', 5], ['lug', 6], ['set', 8], ['ott', 9],
  ['out', 9], ['mrt', 2], ['mei', 4],
];

function monthOf(token: string): number | null {
  const plain = token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (!/^[a-z]{3,9}$/.test(plain)) return null;
  for (const [prefix, month] of MONTH_PREFIXES) if (plain.startsWith(prefix)) return month;
  return null;
}

// 2004-01-05, 2004-01-05T12:00:00.123+01:00, 2004-01-05 12:00 Z, 20040105T120000Z, 2004-01.
const ISO = /^(\d{4})-?(\d{2})(?:-?(\d{2})(?:[T\s]\s*(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{1,2})?)?)?)?$/i;
const TIME = /\b(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([ap])\.?m\.?\b)?/i;
const NUMERIC_ZONE = /(?:^|\s)(?:gmt|utc)?([+-])(\d{1,2})(?::?(\d{2}))?(?=\s|$)/i;

/** Returns the instant the string denotes, or null when it cannot be read. */
export function parseDate(input: string | null | undefined): Date | null {
  if (input === null || input === undefined) return null;
  const text = input.trim();
  if (text === '' || text.length > 200) return null;
  return parseIso(text) ?? parseRfc822(text);
}

function parseIso(text: string): Date | null {
  const m = ISO.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const date = build(Number(y), Number(mo) - 1, Number(d ?? 1), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), isoZoneOffset(zone));
  return date === null ? null : new Date(date.getTime() + ms);
}

function isoZoneOffset(zone: string | undefined): number {
  if (zone === undefined || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [hours = '0', minutes = '0'] = zone.slice(1).includes(':') ? zone.slice(1).split(':') : [zone.slice(1, 3), zone.slice(3)];
  return sign * (Number(hours) * 60 + Number(minutes || 0));
}

// Token-based rather than one regex, so that "Mon, 5 Jan 2004 12:00:00 EST", "5 January 2004",
// "Monday, January 5, 2004 12:00 PM", "Tue, 05-Jan-04 12:00 +0100" and "Jan 5 2004" all parse.
function parseRfc822(text: string): Date | null {
  let rest = ` ${text.replace(/,/g, ' ')} `;
  let hour = 0;
  let minute = 0;
  let second = 0;
  const time = TIME.exec(rest);
  if (time !== null) {
    hour = Number(time[1]);
    minute = Number(time[2]);
    second = Number(time[3] ?? 0);
    const meridiem = time[4]?.toLowerCase();
    if (meridiem !== undefined && (hour < 1 || hour > 12)) return null;
    if (meridiem === 'p' && hour < 12) hour += 12;
    if (meridiem === 'a' && hour === 12) hour = 0;
    rest = rest.slice(0, time.index) + ' ' + rest.slice(time.index + time[0].length);
  }
  let offset: number | null = null;
  const numeric = NUMERIC_ZONE.exec(rest);
  if (numeric !== null) {
    offset = (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
    rest = rest.slice(0, numeric.index) + ' ' + rest.slice(numeric.index + numeric[0].length);
  }
  // Several month-like words: the first is a weekday that looks like one (French/Spanish "mar.").
  const months: number[] = [];
  const numbers: string[] = [];
  for (const token of rest.split(/[\s/.-]+/)) {
    if (token === '') continue;
    const lower = token.toLowerCase();
    if (/^\d+$/.test(token)) numbers.push(token);
    else if (monthOf(token) !== null) months.push(monthOf(token) ?? 0);
    else if (offset === null && ZONES[lower.replace(/[()]/g, '')] !== undefined) offset = ZONES[lower.replace(/[()]/g, '')] ?? 0;
    else if (/^(\d{1,2})(st|nd|rd|th)$/.test(lower)) numbers.push(lower.replace(/\D/g, ''));
  }
  const month = months.length > 1 ? months[1] : months[0];
  if (month === undefined || numbers.length !== 2) return null;
  const [first = '', second_ = ''] = numbers;
  // The 4-digit (or last) number is the year, the other the day: "5 Jan 2004", "Jan 5 2004", "2004 Jan 5".
  const yearFirst = first.length === 4;
  const yearText = yearFirst ? first : second_;
  const day = Number(yearFirst ? second_ : first);
  let year = Number(yearText);
  if (yearText.length === 2) year += year < 50 ? 2000 : 1900;
  else if (yearText.length !== 4) return null;
  return build(year, month, day, hour, minute, second, offset ?? 0);
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, offsetMinutes: number): Date | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  const ms = Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
  const date = new Date(ms - offsetMinutes * 60_000);
  // Date.UTC rolls 31 February over to March; reject it instead.
  if (new Date(ms).getUTCDate() !== day && hour !== 24) return null;
  return Number.isNaN(date.getTime()) ? null : date;
}
