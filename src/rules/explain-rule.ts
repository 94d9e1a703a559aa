// Why one query did or did not fire on an article, for `wirewatch rules test` and highlighting
// (docs/rules.md, "Explanation"): the matched terms with word and character offsets, or the failed clause.
import type { Article, MatchedTerm } from '../domain/match.ts';
import { ArticleIndex, IndexScratch } from './article-index.ts';
import { compileOne, toMatchedTerms } from './compile-rules.ts';
import type { CompileOptions } from './compile-rules.ts';
import { PlanEvaluator } from './evaluate-plan.ts';
import { HitPool } from './hit-pool.ts';
import type { Hit } from './evaluate-plan.ts';
import { FIELDS } from './query-plan.ts';
import type { Plan } from './query-plan.ts';
import type { RuleSyntaxError } from './rule-syntax-error.ts';

export interface HighlightedTerm extends MatchedTerm {
  /** Character offsets of the matched words in the field's text, end exclusive. */
  readonly charStart: number;
  readonly charEnd: number;
  /** The matched words as written in the article. */
  readonly text: string;
}

export type RuleExplanation =
  | { readonly kind: 'invalid'; readonly fired: false; readonly error: RuleSyntaxError }
  | {
      readonly kind: 'explained';
      readonly fired: boolean;
      /** When fired: the terms that made it fire. Otherwise: every positive term found anyway. */
      readonly matched: readonly HighlightedTerm[];
      /** When not fired: the smallest clause of the query (as written) that was false. */
      readonly failedClause: string | null;
    };

export function explainRule(query: string, article: Article, options?: CompileOptions): RuleExplanation {
  const compiled = compileOne(query, options);
  if (compiled.kind === 'invalid') return { kind: 'invalid', fired: false, error: compiled.error };
  const index = new ArticleIndex(article, new IndexScratch(compiled.table));
  const evaluator = new PlanEvaluator(index, new HitPool(compiled.table.slots));
  const plan = compiled.plan;
  const hits: Hit[] = [];
  if (evaluator.test(plan)) {
    evaluator.collect(plan, hits);
    return { kind: 'explained', fired: true, matched: highlight(hits, index, article), failedClause: null };
  }
  collectPresent(plan, evaluator, hits);
  const failed = findFailedClause(plan, evaluator);
  return { kind: 'explained', fired: false, matched: highlight(hits, index, article), failedClause: query.slice(failed.start, failed.end) };
}

/** Descends into the first false part of an AND; an OR, NOT or NEAR that is false is reported whole. */
function findFailedClause(plan: Plan, evaluator: PlanEvaluator): Plan {
  if (plan.kind === 'and') {
    const failing = plan.children.find((c) => !evaluator.test(c));
    if (failing !== undefined) return findFailedClause(failing, evaluator);
  }
  if (plan.kind === 'near') {
    const missing = [plan.left, plan.right].find((side) => !evaluator.test(side));
    if (missing !== undefined) return findFailedClause(missing, evaluator);
  }
  return plan;
}

/** Positive terms that occur, whether or not their clause held (to show what was close). */
function collectPresent(plan: Plan, evaluator: PlanEvaluator, out: Hit[]): void {
  switch (plan.kind) {
    case 'term':
    case 'place':
      out.push(...evaluator.hits(plan));
      return;
    case 'and':
    case 'or':
      for (const c of plan.children) collectPresent(c, evaluator, out);
      return;
    case 'near':
      collectPresent(plan.left, evaluator, out);
      collectPresent(plan.right, evaluator, out);
      return;
    case 'not':
      return;
  }
}

function highlight(hits: readonly Hit[], index: ArticleIndex, article: Article): HighlightedTerm[] {
  return toMatchedTerms([...hits]).map((m) => {
    const words = index.wordsOf(FIELDS.indexOf(m.field));
    const charStart = words[m.start]?.start ?? 0;
    const charEnd = words[m.end - 1]?.end ?? charStart;
    return { ...m, charStart, charEnd, text: article[m.field].slice(charStart, charEnd) };
  });
}
