// The match step the worker and `wirewatch check` share: the rules an item's article matches,
// muted rules left out. What follows (facts, stories, drafts) is describe-alerts.ts.
import type { Item } from '../domain/item.ts';
import type { RuleMatch } from '../domain/match.ts';
import type { CompiledRules } from '../rules/compile-rules.ts';
import { articleOf } from './article-of.ts';

export function matchItem(rules: CompiledRules, item: Item, isMuted: (ruleId: string) => boolean = () => false): RuleMatch[] {
  return rules.match(articleOf(item)).filter((m) => !isMuted(m.ruleId));
}
