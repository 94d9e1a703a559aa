// explainRule: matched terms with word and character offsets, or the clause that failed.
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain/match.ts';
import { compileRules } from '../../src/rules/compile-rules.ts';
import { explainRule } from '../../src/rules/explain-rule.ts';

const article = (a: Partial<Article>): Article => ({ title: '', body: '', source: '', url: '', ...a });

describe('explainRule', () => {
  it('reports matched terms with field, word offsets and character offsets', () => {
    const a = article({ title: 'Iraq: rockets', body: 'A rocket attack in northern Iraq’s Kirkuk.' });
    const result = explainRule('"rocket attack" AND Iraq', a);
    expect(result).toEqual({
      kind: 'explained',
      fired: true,
      failedClause: null,
      matched: [
        { term: 'Iraq', field: 'title', start: 0, end: 1, charStart: 0, charEnd: 4, text: 'Iraq' },
        { term: 'rocket attack', field: 'body', start: 1, end: 3, charStart: 2, charEnd: 15, text: 'rocket attack' },
        { term: 'Iraq', field: 'body', start: 5, end: 6, charStart: 28, charEnd: 34, text: 'Iraq’s' },
      ],
    });
  });

  it('agrees with compileRules on matched terms', () => {
    const a = article({ body: 'A drone struck near the U.S. embassy, not a drill.' });
    const query = '(rocket OR mortar OR drone) NEAR/8 (base OR embassy)';
    const compiled = compileRules([{ id: 'r', query }]);
    const explained = explainRule(query, a);
    expect(compiled.kind === 'ok' && compiled.rules.match(a)[0]?.matched).toEqual(
      explained.kind === 'explained' && explained.matched.map(({ term, field, start, end }) => ({ term, field, start, end })),
    );
  });

  it.each([
    ['"rocket attack" AND Iraq', 'A rocket attack in Syria', 'Iraq'],
    ['rocket (Iraq OR Syria)', 'A rocket in Lebanon', '(Iraq OR Syria)'],
    ['rocket -drill', 'a rocket drill', '-drill'],
    ['rocket NEAR/1 base', 'rocket fired at the base', 'rocket NEAR/1 base'],
    ['rocket NEAR/1 base', 'rocket fired', 'base'],
    ['rocket title:(blast OR explosion)', 'rocket blast', 'title:(blast OR explosion)'],
  ])('%s on %j fails at %j', (query, body, clause) => {
    const result = explainRule(query, article({ body }));
    expect(result.kind === 'explained' && !result.fired && result.failedClause).toBe(clause);
  });

  it('shows terms found even when the rule did not fire', () => {
    const result = explainRule('rocket AND Iraq', article({ body: 'rocket in Syria' }));
    expect(result.kind === 'explained' && result.matched.map((m) => m.term)).toEqual(['rocket']);
  });

  it('returns the syntax error of a bad query', () => {
    const result = explainRule('rocket AND', article({}));
    expect(result.kind === 'invalid' && result.error.hint).toBe('expected a term after AND');
  });
});
