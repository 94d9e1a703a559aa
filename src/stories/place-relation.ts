// Where a text says its event happened, and whether two texts can be about one place: the places
// its headline names (else its lead's first city) decide; places further down are background.

import type { Facts, Place } from '../domain/alert.ts';
import { foldText } from '../text/fold.ts';
import { splitFoldedWords } from '../text/words.ts';
import { isCountryLevel } from './event-facts.ts';
import type { PlaceRelation } from './event-facts.ts';
import { wordForm } from './name-variants.ts';
import { sortedHas } from './sorted-has.ts';
import { STOPWORDS } from './stopwords.ts';
import { termId } from './term-weights.ts';

/** A place as compared: its name in one spelling ("Kiev" and "Kyiv" → "kyiv"). */
export interface ComparedPlace {
  readonly name: string;
  /** ISO 3166-1 alpha-2, or null when unknown. */
  readonly country: string | null;
  /** A city or region, not a whole country. */
  readonly specific: boolean;
  /** Term ids of its name's words, as a headline naming it has them. */
  readonly terms: readonly number[];
}

export interface Whereabouts {
  /** Every place the facts name, most important first. */
  readonly places: readonly ComparedPlace[];
  /** The places the headline names, else the lead's first place when it is a city or region. */
  readonly scene: readonly ComparedPlace[];
}

export const NOWHERE: Whereabouts = { places: [], scene: [] };

/**
 * Where a text happened by its facts and its headline's terms (TextProfile.titleTerms.ids): the
 * profile is enough, so a store that keeps profiles and facts rebuilds it without the text.
 */
export function whereabouts(facts: Facts | null, headlineTerms: Int32Array): Whereabouts {
  if (facts === null || facts.places.length === 0) return NOWHERE;
  const places = facts.places.map(comparedPlace);
  const named = places.filter((p) => p.terms.length > 0 && p.terms.every((id) => sortedHas(headlineTerms, id)));
  return { places, scene: named };
}

/**
 * - `shared-place`: a city or region of one text's scene is among the other's places;
 * - `conflict`: both texts have a scene, and neither scene fits the other's places (another
 *   city, even in the same country; another country);
 * - `shared-country`: some country in common;
 * - `unknown`: one side says nothing about where, or nothing decides.
 */
export function relateWhere(a: Whereabouts, b: Whereabouts): PlaceRelation {
  if (a.places.length === 0 || b.places.length === 0) return 'unknown';
  if (sharesSpecific(a.scene, b.places) || sharesSpecific(b.scene, a.places)) return 'shared-place';
  if (
    a.scene.length > 0 &&
    b.scene.length > 0 &&
    !a.scene.some((p) => fits(p, b.places)) &&
    !b.scene.some((p) => fits(p, a.places))
  ) {
    return 'conflict';
  }
  const countries = new Set(a.places.map((p) => p.country));
  return b.places.some((p) => p.country !== null && countries.has(p.country)) ? 'shared-country' : 'unknown';
}

function comparedPlace(place: Place): ComparedPlace {
  const forms = splitFoldedWords(foldText(place.name)).map(wordForm);
  const terms = forms.filter((w) => w.length > 1 && !STOPWORDS.has(w)).map(termId);
  return { name: forms.join(' '), country: place.country, specific: !isCountryLevel(place), terms };
}

function sharesSpecific(scene: readonly ComparedPlace[], places: readonly ComparedPlace[]): boolean {
  return scene.some((p) => p.specific && places.some((q) => q.name === p.name));
}

/** Whether `place` can be where a text naming `places` happened. */
function fits(place: ComparedPlace, places: readonly ComparedPlace[]): boolean {
  if (places.some((q) => q.name === place.name)) return true;
  if (place.country === null) return false;
  const sameCountry = places.filter((q) => q.country === place.country);
  // A country fits any place in it; a city fits its country unless another of its cities is named.
  if (!place.specific) return sameCountry.length > 0;
  return sameCountry.length > 0 && sameCountry.every((q) => !q.specific);
}
