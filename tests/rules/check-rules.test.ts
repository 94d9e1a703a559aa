// checkRules reports exactly what compileRules would, whether or not it had to compile.
import { describe, expect, it } from 'vitest';
import { checkRules } from '../../src/rules/check-rules.ts';
import { compileRules } from '../../src/rules/compile-rules.ts';
import type { RuleDefinition } from '../../src/domain/match.ts';

const CASES: { case: string; rules: RuleDefinition[]; errors: number }[] = [
  { case: 'valid rules', rules: [{ id: 'a', query: '"rocket attack" AND Iraq' }, { id: 'b', query: 'recall -drill' }], errors: 0 },
  { case: 'a query that does not parse', rules: [{ id: 'a', query: 'rocket AND' }, { id: 'b', query: 'x OR y AND z' }], errors: 2 },
  { case: 'a repeated id', rules: [{ id: 'a', query: 'rocket' }, { id: 'a', query: 'mortar' }], errors: 1 },
  { case: 'an unknown place', rules: [{ id: 'a', query: 'attack place:Zzyzxland' }], errors: 1 },
  { case: 'a known place inside a scope', rules: [{ id: 'a', query: 'title:(attack NEAR place:Iraq)' }], errors: 0 },
  { case: 'only a wildcard', rules: [{ id: 'a', query: 'attack*' }], errors: 1 },
];

describe('checkRules', () => {
  it.each(CASES)('$case: $errors error(s), the same messages as a compile', async ({ rules, errors }) => {
    const found = await checkRules(rules);
    expect(found).toHaveLength(errors);
    const compiled = compileRules(rules);
    expect(found.map((e) => e.message)).toEqual(compiled.kind === 'invalid' ? compiled.errors.map((e) => e.message) : []);
  });
});
