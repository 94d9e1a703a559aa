// An alert as drafted from a matched item, before it is stored: what the describer (src/alerts)
// hands the store and what `wirewatch check` prints; and what a follow-up adds to its story.
// alertOf turns a draft and its item into the Alert that destinations render.
import type { Alert, Facts, Place } from './alert.ts';
import type { Item } from './item.ts';
import type { MatchedTerm } from './match.ts';

export interface Change {
  readonly from: number | null;
  readonly to: number;
}

/** What a follow-up adds to the story; at least one field says something. */
export interface StoryUpdate {
  readonly killed: Change | null;
  readonly injured: Change | null;
  readonly newPlaces: readonly Place[];
}

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

/**
 * The Alert a draft becomes: the item's title, link and outlet, the draft's match, summary and
 * facts, and the story's other outlets as "also reported by".
 */
export function alertOf(
  id: number,
  draft: Pick<AlertDraft, 'ruleId' | 'matched' | 'summary' | 'facts' | 'storyId' | 'sources'>,
  item: Pick<Item, 'key' | 'title' | 'link' | 'source' | 'published'>,
): Alert {
  return {
    id,
    ruleId: draft.ruleId,
    itemKey: item.key,
    title: item.title,
    link: item.link,
    source: item.source,
    published: item.published,
    matched: draft.matched,
    summary: draft.summary,
    facts: draft.facts,
    storyId: draft.storyId,
    alsoReportedBy: draft.sources.filter((outlet) => outlet !== item.source),
    priority: 'normal',
  };
}
