// Adapts src/geo's gazetteer to the place: port of the rule engine (query-plan.ts PlaceResolver):
// place:Iraq accepts mentions of Iraq, Iraqi(s) and places located in Iraq (docs/rules.md).
import type { Gazetteer } from '../geo/gazetteer-types.ts';
import { loadGazetteer } from '../geo/gazetteer.ts';
import { splitWords } from '../text/words.ts';
import type { PlaceMention, PlaceResolver, ResolvedPlace } from './query-plan.ts';

/** The project's gazetteer, built on first use (it takes a fraction of a second). */
export function defaultPlaces(): PlaceResolver {
  defaultResolver ??= placesFromGazetteer(loadGazetteer());
  return defaultResolver;
}

let defaultResolver: PlaceResolver | null = null;

export function placesFromGazetteer(gazetteer: Gazetteer): PlaceResolver {
  return {
    resolve: (name) => resolveCountry(gazetteer, name) ?? resolveName(gazetteer, name),
    findMentions: (words, text) =>
      gazetteer.findPlaces(words, text).map((m) => ({ start: m.start, end: m.end, country: m.entry.country, words: m.entry.words })),
  };
}

/** A country (by name, demonym or ISO code): any mention whose likeliest reading lies in it. */
function resolveCountry(gazetteer: Gazetteer, name: string): ResolvedPlace | null {
  const country = gazetteer.country(name);
  if (country === null) return null;
  const firstWords = new Set<string>();
  for (const entry of gazetteer.namesInCountry(country.code)) {
    const first = entry.words[0];
    if (first !== undefined) firstWords.add(first);
  }
  return { key: `country:${country.code}`, firstWords: [...firstWords], accepts: (m) => m.country === country.code };
}

/** A region or city ("New York", "Kirkuk"): mentions of that name. */
function resolveName(gazetteer: Gazetteer, name: string): ResolvedPlace | null {
  const words = splitWords(name).map((w) => w.text);
  const first = words[0];
  if (first === undefined) return null;
  const known = gazetteer.lookup(words, 0).some((e) => e.words.length === words.length);
  if (!known) return null;
  const joined = words.join(' ');
  return { key: `name:${joined}`, firstWords: [first], accepts: (m: PlaceMention) => m.words.join(' ') === joined };
}
