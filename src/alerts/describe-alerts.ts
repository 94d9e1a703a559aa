// Turns an item and the rules it matched into alert drafts: summary, incident facts, story id.
import type { Facts } from '../domain/alert.ts';
import type { Item } from '../domain/item.ts';
import type { MatchedTerm, RuleMatch } from '../domain/match.ts';

export interface AlertDraft {
  readonly ruleId: string;
  readonly matched: readonly MatchedTerm[];
  readonly summary: string;
  readonly facts: Facts | null;
  readonly storyId: string;
}

export type AlertDescriber = (item: Item, matches: readonly RuleMatch[]) => AlertDraft[];

const SUMMARY_LIMIT = 600;

export function createAlertDescriber(): AlertDescriber {
  return (item, matches) => {
    if (matches.length === 0) return [];
    const summary = leadSentences(item.body || item.title, SUMMARY_LIMIT);
    return matches.map((match) => ({ ruleId: match.ruleId, matched: match.matched, summary, facts: null, storyId: item.key }));
  };
}

/** Provisional summary: whole leading sentences within the limit. */
function leadSentences(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  return end > 0 ? cut.slice(0, end + 1) : `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}
