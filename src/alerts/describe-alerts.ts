// Turns an item, its story and the rules it matched into alert drafts: summary, incident facts,
// story. A follow-up raises an alert only when it says something new (see draftAlerts).
import type { Facts } from '../domain/alert.ts';
import type { AlertDraft } from '../domain/alert-draft.ts';
import type { Item } from '../domain/item.ts';
import type { RuleMatch } from '../domain/match.ts';
import type { Gazetteer } from '../geo/gazetteer-types.ts';
import type { StoryAssignment, StoryIndex } from '../stories/story-index.ts';
import { extractFacts } from '../summarize/extract-facts.ts';
import { summarize } from '../summarize/summarize.ts';

export type AlertDescriber = (item: Item, matches: readonly RuleMatch[]) => AlertDraft[];

/** The incident facts of an item (places, tolls, date, attribution). */
export function factsOf(item: Item, gazetteer: Gazetteer): Facts {
  return extractFacts({ title: item.title, body: item.body, published: item.publishedEstimated ? null : item.published }, gazetteer);
}

/**
 * Drafts one alert per match. A follow-up (a copy or a later report of a story) drafts one only
 * when it is material: a new outlet, a higher toll or a new place, or a rule that has not yet
 * alerted the story. A repost of what the channel already shows is never an alert, nor an edit.
 */
export function draftAlerts(
  item: Item,
  matches: readonly RuleMatch[],
  facts: Facts | null,
  story: StoryAssignment,
  alerted: (ruleId: string) => boolean,
): AlertDraft[] {
  const material = story.isNew || story.newSource || story.update !== null;
  return matches
    .filter((match) => material || !alerted(match.ruleId))
    .map((match) => {
      const hint = match.matched.find((m) => m.field === 'body') ?? null;
      return {
        ruleId: match.ruleId,
        matched: match.matched,
        summary: summarize({ title: item.title, body: item.body, matchedSentenceHint: hint && { field: hint.field, start: hint.start } }),
        facts,
        storyId: story.storyId,
        followUp: !story.isNew,
        update: story.update,
        sources: story.sources,
      };
    });
}

export interface DescriberDeps {
  readonly gazetteer: () => Gazetteer;
  readonly stories: StoryIndex;
}

/**
 * A describer over one in-memory story index, for a one-shot batch such as `wirewatch check`:
 * every match is described (nothing has been alerted before). The worker keeps its stories in
 * the store instead (src/worker/story-memory.ts).
 */
export function createAlertDescriber(deps: DescriberDeps): AlertDescriber {
  return (item, matches) => {
    const facts = factsOf(item, deps.gazetteer());
    const story = deps.stories.assign({ key: item.key, source: item.source, title: item.title, body: item.body, published: item.published, facts });
    return draftAlerts(item, matches, facts, story, () => false);
  };
}
