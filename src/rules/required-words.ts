// The word matchers a rule cannot fire without (the single words and phrase words under its
// top-level ANDs and NEARs), packed in flat arrays: most woken rules fail this check at once,
// before their query tree is walked.
import type { Plan, WordMatcher } from './query-plan.ts';

export interface RequiredWords {
  /** Rule r needs matchers[k] in fields[k] for k in starts[r] .. starts[r + 1]. */
  readonly starts: Int32Array;
  readonly matchers: Int32Array;
  readonly fields: Uint8Array;
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
  return { starts, matchers: Int32Array.from(matchers), fields: Uint8Array.from(fields) };
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
