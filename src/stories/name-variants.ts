// One spelling per name for the story clusterer: transliterations ("Kiev", "Zelenskiy"), doubled
// letters ("McCleod"), demonyms ("Russian" → russia) and the many names of the UK and the US, so
// two outlets naming one person or place differently still share the word.

import { createRequire } from 'node:module';

/** The part of a world-countries record used here. */
interface CountryRecord {
  readonly name: { readonly common: string };
  readonly unMember: boolean;
  readonly demonyms?: { readonly eng?: { readonly f: string; readonly m: string } };
}

const countries = createRequire(import.meta.url)('world-countries') as readonly CountryRecord[];

const UK = 'united kingdom';
const US = 'united states';

/** Spellings of one name that the rules below do not fold together (folded, doubled letters kept). */
const SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['kiev', 'kyiv'],
  ['odessa', 'odesa'],
  ['kharkov', 'kharkiv'],
  ['lvov', 'lviv'],
  ['nikolaev', 'mykolaiv'],
  ['nikolayev', 'mykolaiv'],
  ['mykolayiv', 'mykolaiv'],
  ['chernigov', 'chernihiv'],
  ['lugansk', 'luhansk'],
  ['zaporozhye', 'zaporizhzhia'],
  ['qaeda', 'qaida'],
  ['gadhafi', 'qaddafi'],
  ['gaddafi', 'qaddafi'],
  ['kadhafi', 'qaddafi'],
  ['mohammed', 'muhammad'],
  ['mohamed', 'muhammad'],
  ['mohammad', 'muhammad'],
  ['jan', 'january'],
  ['feb', 'february'],
  ['apr', 'april'],
  ['jun', 'june'],
  ['jul', 'july'],
  ['aug', 'august'],
  ['sept', 'september'],
  ['oct', 'october'],
  ['nov', 'november'],
  ['dec', 'december'],
  ['uk', UK],
  ['britain', UK],
  ['usa', US],
  ['america', US],
]);

/** English demonyms of UN members ("russian" → "russia"); the first country claiming one keeps it. */
const DEMONYMS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const country of countries) {
    if (!country.unMember) continue;
    const eng = country.demonyms?.eng;
    const name = country.name.common.toLowerCase();
    for (const demonym of eng === undefined ? [] : [eng.m, eng.f]) {
      const folded = demonym.toLowerCase();
      if (/^[a-z]+$/.test(folded) && !map.has(folded)) map.set(folded, name);
    }
  }
  map.set('american', US);
  map.set('british', UK);
  return map;
})();

/**
 * Cities that stand for a government or union in headlines ("Brussels prepares ban", "Washington
 * blocks payments"): the name is kept and the one it stands for is added.
 */
const STANDS_FOR: ReadonlyMap<string, string> = new Map([
  ['brussels', 'eu'],
  ['washington', US],
  ['kremlin', 'russia'],
]);

/**
 * The one form of a folded word: a spelling table and demonyms to their country ("russians" →
 * russia), transliteration endings ("zelenskyy", "zelenskiy" → "zelensky"), plurals and verb
 * endings ("murdering", "murdered" → "murder"), doubled letters single ("mccleod" → "mcleod",
 * "banned" → "ban"). Crude for English, but both texts fold the same way.
 */
export function wordForm(word: string): string {
  let form = forms.get(word);
  if (form === undefined) {
    // Words repeat (Zipf): remember forms, forgetting all at once past a bound.
    if (forms.size >= MAX_REMEMBERED_FORMS) forms.clear();
    form = formOf(word);
    forms.set(word, form);
  }
  return form;
}

const MAX_REMEMBERED_FORMS = 50_000;
const forms = new Map<string, string>();

function formOf(word: string): string {
  const singular = reducePlural(word);
  const known = SPELLINGS.get(word) ?? DEMONYMS.get(word) ?? SPELLINGS.get(singular) ?? DEMONYMS.get(singular);
  // Table entries fold like any word, so "russian" and "russia" end the same.
  return collapseDoubles(known ?? stem(singular));
}

/** Folds plural endings so "attacks" meets "attack" and "cities" meets "city". */
export function reducePlural(word: string): string {
  if (word.length <= 3 || !word.endsWith('s')) return word;
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  return word.slice(0, -1);
}

function stem(word: string): string {
  const n = word.length;
  if (n > 5 && (word.endsWith('yy') || word.endsWith('iy'))) return `${word.slice(0, -2)}y`;
  if (n > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (n > 4 && word.endsWith('ied')) return `${word.slice(0, -3)}y`;
  if (n > 4 && word.endsWith('ed')) return word.slice(0, -2);
  return word;
}

/** What a name also stands for ("brussels" → "eu"), or null. */
export function standsFor(word: string): string | null {
  return STANDS_FOR.get(word) ?? null;
}

/** True when a capitalised "US" (or "U.S.", which folds to "us") is the country, not the pronoun. */
export function isCountryUs(raw: string): boolean {
  return raw === 'US' || raw === 'U.S.' || raw === 'U.S';
}

export const UNITED_STATES = US;

function collapseDoubles(word: string): string {
  let doubled = false;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === word.charCodeAt(i - 1) && c >= 0x61 && c <= 0x7a) {
      doubled = true;
      break;
    }
  }
  if (!doubled) return word;
  let out = word[0] ?? '';
  for (let i = 1; i < word.length; i++) if (word[i] !== word[i - 1] || !/[a-z]/.test(word[i] ?? '')) out += word[i];
  return out;
}
