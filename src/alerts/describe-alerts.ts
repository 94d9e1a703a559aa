// Turns an item and the rules it matched into alert drafts: summary, incident facts, story.
// Every new item joins the story index (matched or not), so a later report of the same
// incident is recognised as a follow-up.
import type { Facts } from '../domain/alert.ts';
import type { Item } from '../domain/item.ts';
import type { MatchedTerm, RuleMatch } from '../domain/match.ts';
import type { Gazetteer } from '../geo/gazetteer.ts';
import type { StoryIndex, StoryUpdate } from '../stories/story-index.ts';
import { extractFacts } from '../summarize/extract-facts.ts';
import { summarize } from '../summarize/summarize.ts';
import { metrics } from '../metrics/metrics.ts';

export interface AlertDraft {
  readonly ruleId: string;
  readonly matched: readonly MatchedTerm[];
  readonly summary: string;
  readonly facts: Facts | null;
  readonly storyId: string;
  /** False when the item started its story; true for a copy or follow-up of an earlier item. */
  readonly followUp: boolean;
  /** What this item adds to its story (higher toll, new place), or null. */
  readonly update: StoryUpdate | null;
  /** Every outlet in the story so far, this one included. */
  readonly sources: readonly string[];
}

export type AlertDescriber = (item: Item, matches: readonly RuleMatch[]) => AlertDraft[];

export interface DescriberDeps {
  readonly gazetteer: () => Gazetteer;
  readonly stories: StoryIndex;
  /** The clock, for expiring old stories (omit in a one-shot batch such as `wirewatch check`). */
  readonly now?: () => Date;
}

const EXPIRE_EVERY_MS = 10 * 60_000;

export function createAlertDescriber(deps: DescriberDeps): AlertDescriber {
  let lastExpiry = 0;
  return (item, matches) => {
    const now = deps.now?.().getTime();
    if (now !== undefined && now - lastExpiry > EXPIRE_EVERY_MS) {
      deps.stories.expire(new Date(now));
      lastExpiry = now;
    }
    const facts = extractFacts({ title: item.title, body: item.body, published: item.publishedEstimated ? null : item.published }, deps.gazetteer());
    const story = deps.stories.assign({ key: item.key, source: item.source, title: item.title, body: item.body, published: item.published, facts });
    if (!story.isNew) metrics.storyMerged();
    return matches.map((match) => {
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
  };
}
