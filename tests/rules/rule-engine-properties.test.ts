// The compiled engine agrees with the plain reference evaluator on random rules and articles,
// and the parser reads every rendered query as the tree it was rendered from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/rules/compile-rules.ts';
import { parseQuery } from '../../src/rules/parse-query.ts';
import type { QueryNode } from '../../src/rules/query-ast.ts';
import { evaluateReference } from './reference-evaluator.ts';
import { genArticle, genQuery, isValid, renderQuery, toQueryNode } from './random-queries.ts';

const RUNS = 10_000;

/** The tree without spans, for comparing what the parser read with what was generated. */
function shape(node: QueryNode): unknown {
  switch (node.kind) {
    case 'term':
      return { term: node.label, words: node.words };
    case 'place':
      return { place: node.name };
    case 'and':
    case 'or':
      return { [node.kind]: node.children.map(shape) };
    case 'not':
      return { not: shape(node.child) };
    case 'near':
      return { near: [shape(node.left), shape(node.right)], distance: node.distance, ordered: node.ordered };
    case 'scope':
      return { scope: node.field, child: shape(node.child) };
  }
}

describe('rule engine properties', () => {
  it('parses a rendered query into the tree it came from, or rejects it when it has no positive word', () => {
    fc.assert(
      fc.property(genQuery, (q) => {
        const parsed = parseQuery(renderQuery(q));
        if (!isValid(q)) {
          expect(parsed.kind === 'invalid' && parsed.error.hint).toContain('at least one word');
          return;
        }
        expect(parsed.kind).toBe('ok');
        if (parsed.kind === 'ok') expect(shape(parsed.ast)).toEqual(shape(toQueryNode(q)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('agrees with the reference evaluator on which rules fire and on the matched terms', () => {
    // Several rules per set, so that the index (which rules an article wakes up) is checked too.
    const rules = fc.array(genQuery.filter((q) => isValid(q)), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(rules, fc.array(genArticle, { minLength: 1, maxLength: 2 }), (queries, articles) => {
        const compiled = compileRules(queries.map((q, i) => ({ id: `r${i}`, query: renderQuery(q) })));
        if (compiled.kind !== 'ok') throw new Error(compiled.errors.map((e) => e.message).join('\n'));
        for (const article of articles) {
          const byId = new Map(compiled.rules.match(article).map((m) => [m.ruleId, m.matched]));
          queries.forEach((q, i) => {
            const expected = evaluateReference(toQueryNode(q), article);
            const actual = { query: renderQuery(q), fired: byId.has(`r${i}`), matched: byId.get(`r${i}`) ?? [] };
            const wanted = { query: renderQuery(q), fired: expected.fired, matched: expected.matched };
            // expect() only on a difference: it is the slow part of a 10,000-run property.
            if (JSON.stringify(actual) !== JSON.stringify(wanted)) expect(actual).toEqual(wanted);
          });
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('re-indexing by measured word rarity', () => {
  it('gives the same matches before and after the rule set re-indexes itself (after 1,000 articles)', () => {
    const queries = fc.sample(genQuery.filter((q) => isValid(q)), { numRuns: 80, seed: 7 }).map(renderQuery);
    const articles = fc.sample(genArticle, { numRuns: 1_300, seed: 11 });
    const defs = queries.map((query, i) => ({ id: `r${i}`, query }));
    const longLived = compileRules(defs);
    if (longLived.kind !== 'ok') throw new Error('generated rules must compile');
    let firings = 0;
    articles.forEach((article, i) => {
      if (i < 1_000) {
        longLived.rules.match(article); // before the re-index: nothing to compare yet
        return;
      }
      const fresh = compileRules(defs); // never re-indexes: one article each
      if (fresh.kind !== 'ok') throw new Error('generated rules must compile');
      const expected = fresh.rules.match(article);
      const actual = longLived.rules.match(article);
      firings += actual.length;
      if (JSON.stringify(actual) !== JSON.stringify(expected)) expect({ article: i, actual }).toEqual({ article: i, actual: expected });
    });
    expect(firings).toBeGreaterThan(0);
  });
});
