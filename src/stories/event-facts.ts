// How an item's incident facts (places, toll, date) relate to a story's: whether they can be the
// same event at all, and what a follow-up adds (higher toll, new place). Facts come from summarize/.

import { createRequire } from 'node:module';
import type { Facts, Place } from '../domain/alert.ts';
import type { Change, StoryUpdate } from '../domain/alert-draft.ts';
import { foldText } from '../text/fold.ts';

/** A story's facts so far: every place named, the highest tolls, the event dates seen. */
export interface FactsSoFar {
  readonly places: Place[];
  killed: number | null;
  injured: number | null;
  readonly dates: Set<string>;
}

/** How the places of two texts relate: see relateWhere in place-relation.ts. */
export type PlaceRelation = 'shared-place' | 'shared-country' | 'conflict' | 'unknown';

export function createFactsSoFar(): FactsSoFar {
  return { places: [], killed: null, injured: null, dates: new Set() };
}

/** The part of a world-countries record used here. */
interface CountryNames {
  readonly name: { readonly common: string; readonly official: string };
  readonly altSpellings: readonly string[];
}

const countries = createRequire(import.meta.url)('world-countries') as readonly CountryNames[];

const COUNTRY_NAMES: ReadonlySet<string> = new Set(
  countries.flatMap((c) => [c.name.common, c.name.official, ...c.altSpellings]).map((n) => foldText(n)),
);

/** True for a place that is a whole country ("Iraq", "United States"), not a city or region in it. */
export function isCountryLevel(place: Place): boolean {
  return COUNTRY_NAMES.has(foldText(place.name));
}

function placeName(place: Place): string {
  return foldText(place.name).trim();
}

/** Days between two YYYY-MM-DD dates (absolute), or null when either is missing or malformed. */
export function daysApart(a: string | null, b: string | null): number | null {
  if (a === null || b === null) return null;
  const ta = Date.parse(`${a}T00:00:00Z`);
  const tb = Date.parse(`${b}T00:00:00Z`);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return null;
  return Math.abs(ta - tb) / 86_400_000;
}

/** The closest of a story's event dates to `when`, in days, or null when unknown. */
export function closestDate(dates: ReadonlySet<string>, when: string | null): number | null {
  let best: number | null = null;
  for (const d of dates) {
    const gap = daysApart(d, when);
    if (gap !== null && (best === null || gap < best)) best = gap;
  }
  return best;
}

/**
 * What `facts` add to the story, or null when nothing material: a higher toll, or a place that is
 * new (a country-level place only counts when its country is new to the story).
 */
export function diffFacts(soFar: FactsSoFar, facts: Facts | null): StoryUpdate | null {
  if (facts === null) return null;
  const killed = rise(soFar.killed, facts.killed);
  const injured = rise(soFar.injured, facts.injured);
  const known = new Set(soFar.places.map(placeName));
  const knownCountries = new Set(soFar.places.flatMap((p) => (p.country === null ? [] : [p.country])));
  const newPlaces: Place[] = [];
  for (const place of facts.places) {
    const name = placeName(place);
    if (known.has(name)) continue;
    if (isCountryLevel(place) && place.country !== null && knownCountries.has(place.country)) continue;
    known.add(name);
    newPlaces.push(place);
  }
  if (killed === null && injured === null && newPlaces.length === 0) return null;
  return { killed, injured, newPlaces };
}

function rise(from: number | null, to: number | null): Change | null {
  if (to === null) return null;
  if (from !== null && to <= from) return null;
  return { from, to };
}

/** A date further than this before its report's publication is one the report recalls. */
export const RECALLED_AFTER_DAYS = 7;

/**
 * The date of the event a report tells, or null: its facts' date unless that lies more than a week
 * before publication, where it is a date the report recalls (a breach in December disclosed in
 * April, the murder a widow speaks about months later), which says nothing about which event it is.
 */
export function eventDate(facts: Facts | null, published: number): string | null {
  const when = facts?.when ?? null;
  if (when === null) return null;
  const day = Date.parse(`${when}T00:00:00Z`);
  return Number.isNaN(day) || published - day > (RECALLED_AFTER_DAYS + 1) * 86_400_000 ? null : when;
}

/** Adds an item's facts to the story's (highest toll wins; places and the event dates accumulate). */
export function mergeFacts(soFar: FactsSoFar, facts: Facts | null, published: number, maxPlaces = 32): void {
  if (facts === null) return;
  if (facts.killed !== null && (soFar.killed === null || facts.killed > soFar.killed)) soFar.killed = facts.killed;
  if (facts.injured !== null && (soFar.injured === null || facts.injured > soFar.injured)) {
    soFar.injured = facts.injured;
  }
  const known = new Set(soFar.places.map(placeName));
  for (const place of facts.places) {
    if (soFar.places.length >= maxPlaces) break;
    if (!known.has(placeName(place))) {
      known.add(placeName(place));
      soFar.places.push(place);
    }
  }
  const when = eventDate(facts, published);
  if (when !== null && soFar.dates.size < 8) soFar.dates.add(when);
}
