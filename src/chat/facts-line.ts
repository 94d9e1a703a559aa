// The facts line of an alert ("Kirkuk, Iraq · 1 killed, 3 wounded · Fri 27 Dec 2019") and its
// readable pieces, raw: each renderer escapes and cuts them for its platform.
import type { Alert } from '../domain/alert.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** "2019-12-27" → "Fri 27 Dec 2019"; null when it is not a real date. */
export function formatDay(isoDay: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(m[3])) return null;
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function countryName(code: string | null): string | null {
  if (code === null || !/^[A-Z]{2}$/.test(code)) return null;
  try {
    return regionNames.of(code) ?? null;
  } catch {
    return null;
  }
}

/** The readable pieces of an alert's facts, raw (unescaped, uncut); absent pieces are null. */
export interface FactParts {
  readonly where: string | null;
  readonly casualties: string | null;
  readonly when: string | null;
  readonly attribution: string | null;
}

export function describeFacts(alert: Alert): FactParts {
  const facts = alert.facts;
  if (facts === null) return { where: null, casualties: null, when: null, attribution: null };
  const places = facts.places.map((place) => {
    const country = countryName(place.country);
    return country === null || country === place.name ? place.name : `${place.name}, ${country}`;
  });
  const casualties = [
    facts.killed === null ? null : `${facts.killed} killed`,
    facts.injured === null ? null : `${facts.injured} wounded`,
  ].filter((part) => part !== null);
  return {
    where: places.length > 0 ? places.join('; ') : null,
    casualties: casualties.length > 0 ? casualties.join(', ') : null,
    when: facts.when === null ? null : formatDay(facts.when),
    attribution: facts.attribution,
  };
}

/** "Kirkuk, Iraq · 1 killed, 3 wounded · Fri 27 Dec 2019", or null when nothing is known. */
export function formatFactsLine(alert: Alert): string | null {
  const { where, casualties, when, attribution } = describeFacts(alert);
  const parts = [where, casualties, when, attribution === null ? null : `attributed to ${attribution}`];
  const line = parts.filter((part) => part !== null && part !== '').join(' · ');
  return line === '' ? null : line;
}
