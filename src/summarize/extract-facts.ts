// Incident facts of an item (spec/check-output.md `facts`): places, killed, injured, the event's
// date and who is blamed, read from the title and the cleaned body.
import { articleSentences, findDateline, tidy } from './article-sentences.ts';
import { datelinePlace } from './dateline-place.ts';
import { countCasualties } from './count-casualties.ts';
import { extractPlaces } from './extract-places.ts';
import { findAttribution } from './find-attribution.ts';
import { resolveEventDate } from './resolve-event-date.ts';
import type { Facts } from '../domain/alert.ts';
import type { Gazetteer } from '../geo/gazetteer.ts';

/** The title and this many body sentences are the "lead": places there rank first. */
const LEAD_SENTENCES = 3;
/** Dates further down are background ("since the end of October", "in December 2017"). */
const DATE_SENTENCES = 5;

export interface FactsInput {
  readonly title: string;
  readonly body: string;
  readonly published: Date | null;
}

export function extractFacts(input: FactsInput, gazetteer: Gazetteer): Facts {
  const title = tidy(input.title);
  const body = articleSentences(input.body).map((s) => s.text);
  const sentences = title === '' ? body : [title, ...body];
  const lead = (title === '' ? 0 : 1) + LEAD_SENTENCES;
  const { killed, injured } = countCasualties(sentences);
  // The dateline ("BAGHDAD (Reuters) -") is cut from the sentences; it joins the places as "in Baghdad".
  const dateline = datelinePlace(findDateline(input.body) ?? '');
  const placeSentences = dateline === null ? sentences : [...sentences.slice(0, title === '' ? 0 : 1), dateline, ...sentences.slice(title === '' ? 0 : 1)];
  return {
    places: extractPlaces(placeSentences, gazetteer, lead + (dateline === null ? 0 : 1)),
    killed,
    injured,
    when: resolveEventDate(sentences.slice(0, (title === '' ? 0 : 1) + DATE_SENTENCES), input.published),
    attribution: findAttribution(sentences),
  };
}
