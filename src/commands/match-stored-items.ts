// Runs a rule query over stored items (`search`, `rules test`): the full-text index
// preselects items having the words the rule needs, the rule engine then decides exactly.
import { articleOf } from '../alerts/article-of.ts';
import type { Item } from '../domain/item.ts';
import { compileOne, compileRules } from '../rules/compile-rules.ts';
import type { CompileOptions } from '../rules/compile-rules.ts';
import { explainRule } from '../rules/explain-rule.ts';
import type { HighlightedTerm } from '../rules/explain-rule.ts';
import type { RuleSyntaxError } from '../rules/rule-syntax-error.ts';
import { findTrigger } from '../rules/rule-trigger.ts';
import type { StoredItem } from '../store/item-archive.ts';
import { splitFoldedWords } from '../text/words.ts';
import type { CommandDeps } from './command-deps.ts';

export interface StoredMatch {
  readonly stored: StoredItem;
  readonly matched: readonly HighlightedTerm[];
}

export type MatchResult =
  | { readonly kind: 'invalid'; readonly error: RuleSyntaxError }
  | {
      readonly kind: 'ok';
      /** Newest first, at most `show`, with highlights. */
      readonly matches: readonly StoredMatch[];
      /** Matches found (counting stops at `countUpTo`). */
      readonly total: number;
      /** Candidates the rule engine looked at. */
      readonly scanned: number;
      /** The scan stopped at `maxScanned` candidates: older items were not looked at. */
      readonly truncated: boolean;
    };

export interface MatchOptions {
  readonly since: Date | null;
  readonly show: number;
  /** Stop once this many matches are found (search: `show`; rules test: more, for the count). */
  readonly countUpTo: number;
  readonly maxScanned: number;
}

const PAGE = 1000;

/** The folded words of every field a rule can look at: what the search index holds per item. */
export function searchWordsOf(item: Item): string[] {
  const article = articleOf(item);
  return [article.title, article.body, article.source, article.url].flatMap(splitFoldedWords);
}

export async function matchStoredItems(deps: CommandDeps, query: string, options: MatchOptions): Promise<MatchResult> {
  const compileOptions: CompileOptions | undefined = deps.compileOptions;
  const one = compileOne(query, compileOptions);
  if (one.kind === 'invalid') return one;
  const compiled = compileRules([{ id: 'query', query }], compileOptions);
  if (compiled.kind === 'invalid') throw new Error('commands/match-stored-items: a query that compiles alone failed in a set', { cause: compiled.errors[0] });
  await deps.archive.indexNewItems(searchWordsOf);

  const trigger = findTrigger(one.plan);
  const filter = { words: trigger?.words ?? [], prefixes: trigger?.prefixes ?? [], since: options.since };
  const found: StoredItem[] = [];
  let scanned = 0;
  let truncated = false;
  for (let after: StoredItem | null = null; found.length < options.countUpTo; ) {
    const limit = Math.min(PAGE, options.maxScanned - scanned);
    const page = await deps.archive.searchCandidates({ ...filter, after, limit });
    after = page.at(-1) ?? null;
    for (const stored of page) {
      if (compiled.rules.match(articleOf(stored.item)).length > 0) found.push(stored);
      if (found.length >= options.countUpTo) break;
    }
    scanned += page.length;
    if (page.length < limit) break;
    if (scanned >= options.maxScanned) {
      truncated = true;
      break;
    }
  }
  const matches = found.slice(0, options.show).map((stored) => {
    const explanation = explainRule(query, articleOf(stored.item), compileOptions);
    return { stored, matched: explanation.kind === 'explained' ? explanation.matched : [] };
  });
  return { kind: 'ok', matches, total: found.length, scanned, truncated };
}
