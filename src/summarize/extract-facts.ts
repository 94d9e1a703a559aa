// Incident facts of an item (docs/check-output.md `facts`): places, killed, injured, the event's
// date and who is blamed, read from the title and the cleaned body.
import { articleSentences, findDateline, tidy } from './article-sentences.ts';
import { datelinePlace } from './dateline-place.ts';
import { countCasualties } from './count-casualties.ts';
import { extractPlaces } from './extract-places.ts';
import { findAttribution } from './find-attribution.ts';
import { resolveEventDate } from './resolve-event-date.ts';
import type { Facts, Place } from '../domain/alert.ts';
import type { Gazetteer } from '../geo/gazetteer-types.ts';

/** The title and this many body sentences are the "lead": places there rank first. */
const LEAD_SENTENCES = 3;
/** Dates further down are background ("since the end of October", "in December 2017"). */
const DATE_SENTENCES = 5;

export interface FactsInput {
  readonly title: string;
  readonly body: string;
  readonly published: Date | null;
}

/**
 * The dateline ("BAGHDAD (Reuters) -") is cut from the sentences; it joins the places as "in
 * Baghdad" unless the text puts the incident in another country (a wire desk in Paris or London
 * reporting on Djibouti is not the scene).
 */
function placesWithDateline(body: string, sentences: readonly string[], at: number, lead: number, gazetteer: Gazetteer): Place[] {
  const places = extractPlaces(sentences, gazetteer, lead);
  const dateline = datelinePlace(findDateline(body) ?? '');
  if (dateline === null) return places;
  const filedFrom = new Set(extractPlaces([dateline], gazetteer, 1).map((p) => p.country));
  if (filedFrom.size === 0 || (places.length > 0 && !places.some((p) => filedFrom.has(p.country)))) return places;
  return extractPlaces([...sentences.slice(0, at), dateline, ...sentences.slice(at)], gazetteer, lead + 1);
}

export function extractFacts(input: FactsInput, gazetteer: Gazetteer): Facts {
  const title = tidy(input.title);
  const body = articleSentences(input.body).map((s) => s.text);
  const sentences = title === '' ? body : [title, ...body];
  const lead = (title === '' ? 0 : 1) + LEAD_SENTENCES;
  const { killed, injured } = countCasualties(sentences);
  return {
    places: placesWithDateline(input.body, sentences, title === '' ? 0 : 1, lead, gazetteer),
    killed,
    injured,
    when: resolveEventDate(sentences.slice(0, (title === '' ? 0 : 1) + DATE_SENTENCES), input.published),
    attribution: findAttribution(sentences),
  };
}
