// The word matchers a rule cannot fire without (the single words and phrase words under its
// top-level ANDs and NEARs), packed in flat arrays: most woken rules fail this check at once,
// before their query tree is walked, and what is left of the tree to test is smaller.
import { group } from './compile-query.ts';
import type { Plan, WordMatcher } from './query-plan.ts';

export interface RequiredWords {
  /** Rule r needs matchers[k] in fields[k] for k in starts[r] .. starts[r + 1]. */
  readonly starts: Int32Array;
  readonly matchers: Int32Array;
  readonly fields: Uint8Array;
  /** What remains to test of each rule once its required words are known present (null: nothing). */
  readonly residual: readonly (Plan | null)[];
}

export function packRequiredWords(plans: readonly Plan[], cost: (m: WordMatcher) => number): RequiredWords {
  const starts = new Int32Array(plans.length + 1);
  const matchers: number[] = [];
  const fields: number[] = [];
  plans.forEach((plan, r) => {
    starts[r] = matchers.length;
    const needed: { matcher: WordMatcher; fields: number }[] = [];
    collectRequired(plan, needed);
    // Rarest first: the check usually fails on its first word.
    needed.sort((a, b) => cost(a.matcher) - cost(b.matcher));
    for (const n of needed) {
      matchers.push(n.matcher.id);
      fields.push(n.fields);
    }
  });
  starts[plans.length] = matchers.length;
  return { starts, matchers: Int32Array.from(matchers), fields: Uint8Array.from(fields), residual: plans.map(residualOf) };
}

/** The plan without the single-word terms of its top-level ANDs (the required-word check has tested them). */
function residualOf(plan: Plan): Plan | null {
  if (plan.kind === 'term' && plan.matchers.length === 1) return null;
  if (plan.kind !== 'and') return plan;
  const rest = plan.children.map(residualOf).filter((c): c is Plan => c !== null);
  if (rest.length <= 1) return rest[0] ?? null;
  return rest.length === plan.children.length ? plan : group('and', rest, plan);
}

function collectRequired(plan: Plan, out: { matcher: WordMatcher; fields: number }[]): void {
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
