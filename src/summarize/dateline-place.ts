// The place a dateline names, as a phrase the place finder reads as a scene: "KATHMANDU, Nepal
// (Reuters) —" → "in Kathmandu, Nepal"; "Baghdad, Dec. 27 (AP) -" → "in Baghdad"; "(CNN)" → null.

const AGENCY = /\([^)]*\)/g;
const DASHES = /\s*(?:--?|[–—])+\s*$/u;
/** "Dec 27", "Feb. 26", "27 December": a date after the city, not a region. */
const DATE = /^(?:[\p{L}]{3,9}\.?\s+\d{1,2}|\d{1,2}\s+[\p{L}]{3,9})$/u;

export function datelinePlace(dateline: string): string | null {
  const parts = dateline
    .replace(AGENCY, ' ')
    .replace(DASHES, '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !DATE.test(p));
  const city = parts[0];
  if (city === undefined || !/\p{L}{2}/u.test(city)) return null;
  const region = parts[1];
  return `in ${titleCase(city)}${region === undefined ? '' : `, ${titleCase(region)}`}`;
}

/** "NEW YORK" → "New York"; "Kirkuk" stays as written. */
function titleCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_, sep: string, c: string) => `${sep}${c.toUpperCase()}`);
}
