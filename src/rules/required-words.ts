// The word matchers a rule cannot fire without (the single words and phrase words under its
// top-level ANDs and NEARs): checked first, rarest first, so most woken rules are rejected at
// once, and what is left of the query tree to test (the residual) is smaller.
import { group } from './compile-query.ts';
import type { Plan, WordMatcher } from './query-plan.ts';

export interface RequiredWord {
  readonly matcher: WordMatcher;
  /** The fields (bit mask) the word must be in. */
  readonly fields: number;
}

/** The required words of a plan, rarest (lowest cost) first; `cost` should be cheap (memoized). */
export function requiredWordsOf(plan: Plan, cost: (m: WordMatcher) => number): RequiredWord[] {
  const needed: RequiredWord[] = [];
  collectRequired(plan, needed);
  return needed.sort((a, b) => cost(a.matcher) - cost(b.matcher));
}

/** The plan without the single-word terms of its top-level ANDs (the required-word check has tested them). */
export function residualOf(plan: Plan): Plan | null {
  if (plan.kind === 'term' && plan.matchers.length === 1) return null;
  if (plan.kind !== 'and') return plan;
  const rest = plan.children.map(residualOf).filter((c): c is Plan => c !== null);
  if (rest.length <= 1) return rest[0] ?? null;
  return rest.length === plan.children.length ? plan : group('and', rest, plan);
}

function collectRequired(plan: Plan, out: RequiredWord[]): void {
  switch (plan.kind) {
    case 'term':
      for (const matcher of plan.matchers) out.push({ matcher, fields: plan.fields });
      return;
    case 'and':
      for (const c of plan.children) collectRequired(c, out);
      return;
    case 'near':
      collectRequired(plan.left, out);
      collectRequired(plan.right, out);
      return;
    case 'or':
    case 'not':
    case 'place':
      return;
  }
}
