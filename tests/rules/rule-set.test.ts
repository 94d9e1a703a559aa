// A compiled rule set as a whole: rules filed under several words fire once, rule order is kept,
// and very long articles are read whole.
import { describe, expect, it } from 'vitest';
import type { Article, RuleDefinition } from '../../src/domain/match.ts';
import { compileRules } from '../../src/rules/compile-rules.ts';
import type { CompiledRules } from '../../src/rules/compile-rules.ts';

const body = (text: string): Article => ({ title: '', body: text, source: '', url: '' });

function compile(defs: readonly RuleDefinition[]): CompiledRules {
  const compiled = compileRules(defs);
  if (compiled.kind !== 'ok') throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.rules;
}

describe('rule set', () => {
  it('fires a rule once although several of its index words occur', () => {
    const rules = compile([{ id: 'any', query: '(rocket OR missile OR drone) AND base' }]);
    const matches = rules.match(body('A rocket, a missile and a drone hit the base; rockets again.'));
    expect(matches.map((m) => m.ruleId)).toEqual(['any']);
    expect(matches[0]?.matched.map((t) => t.term)).toEqual(['rocket', 'missile', 'drone', 'base', 'rocket']);
  });

  it('reports rules in definition order, whichever words woke them', () => {
    const defs = ['zebra', 'apple AND zebra', '"red apple"', 'apple NEAR/3 zebra', '-mango OR apple', 'zebr* AND red'].map((query, i) => ({ id: `r${i}`, query }));
    const rules = compile(defs);
    expect(rules.match(body('A zebra ate a red apple.')).map((m) => m.ruleId)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    expect(rules.match(body('Nothing here.')).map((m) => m.ruleId)).toEqual(['r4']);
  });

  it('gives the same answers article after article (no state leaks between articles)', () => {
    const rules = compile([
      { id: 'phrase', query: '"rocket attack"' },
      { id: 'near', query: 'rocket NEAR/1 base' },
    ]);
    const hit = body('The rocket attack near the base.');
    const miss = body('An attack; a rocket; far away, a base.');
    for (let i = 0; i < 3; i++) {
      expect(rules.match(hit).map((m) => m.ruleId)).toEqual(['phrase']);
      expect(rules.match(miss)).toEqual([]);
    }
  });

  it('reads an article of 200,000 words to its end, and the next short one as usual', () => {
    const rules = compile([{ id: 'end', query: '"final word"' }]);
    const long = body(`${'filler '.repeat(200_000)}final word`);
    expect(rules.match(long)[0]?.matched).toEqual([{ term: 'final word', field: 'body', start: 200_000, end: 200_002 }]);
    expect(rules.match(body('the final word')).map((m) => m.ruleId)).toEqual(['end']);
  });
});
