// Fuzzing the rule parser: whatever a user types, the result is a value (a compiled rule set or
// RuleSyntaxErrors with a column inside the query), never another exception, never a hang.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { compileRules } from '../../src/rules/compile-rules.ts';
import { parseQuery } from '../../src/rules/parse-query.ts';
import { RuleSyntaxError } from '../../src/rules/rule-syntax-error.ts';

const PIECES = [
  'AND', 'OR', 'NOT', 'NEAR', 'NEAR/3', 'ONEAR/0', 'NEAR/x', 'NEAR/', 'ONEAR', '(', ')', '"', '“', '”', '-', '=', '*', ':',
  'title:', 'body:', 'source:', 'url:', 'place:', 'rocket', 'at', 'attack*', 'att*', 'U.S.', "Iraq's", 'Iran-backed',
  '&&', '||', '!', 'é', '😀', '/', 'and', 'or', '9/11', '\t', '\n',
];
const SEPARATORS = ['', ' ', ' ', '  '];

const tokenSoup = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 25 })
  .map((parts) => parts.map(([piece, sep]) => piece + sep).join(''));

const article = { title: 'Rocket attack on U.S. base', body: "Iran-backed militia attacked; Iraq's army at 9/11 memorial", source: 'Reuters', url: 'https://example.com/a' };

const MESSAGE = /^rule "fuzz", column \d+: (unexpected end of query|unexpected ".*") — ./su;

/** Plain checks (expect() per run would dominate the run time); a broken one throws with the query. */
function checkQuery(query: string): void {
  const parsed = parseQuery(query);
  const compiled = compileRules([{ id: 'fuzz', query }], {});
  const fail = (what: string): never => {
    throw new Error(`${what} for query ${JSON.stringify(query)}`);
  };
  if (parsed.kind === 'invalid') {
    const { error } = parsed;
    if (!(error instanceof RuleSyntaxError)) fail('not a RuleSyntaxError');
    if (error.column < 1 || error.column > query.length + 1) fail(`column ${error.column} outside the query`);
    if (error.hint === '') fail('empty hint');
    if (compiled.kind !== 'invalid') fail('parse error but compiled');
  }
  if (compiled.kind === 'invalid') {
    if (compiled.errors.length !== 1 || !(compiled.errors[0] instanceof RuleSyntaxError)) fail('not one RuleSyntaxError');
    if (!MESSAGE.test(compiled.errors[0]?.message ?? '')) fail(`badly formed message ${compiled.errors[0]?.message}`);
  } else if (!Array.isArray(compiled.rules.match(article))) {
    fail('match did not return a list');
  }
}

describe('rule parser fuzzing', () => {
  it('returns a value for any soup of query tokens', () => {
    fc.assert(fc.property(tokenSoup, (q) => checkQuery(q)), { numRuns: 10_000 });
  });

  it('returns a value for any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (q) => checkQuery(q)), { numRuns: 3_000 });
  });

  it.each([
    ['deep parentheses', `${'('.repeat(5000)}a${')'.repeat(5000)}`],
    ['many NOTs', `${'NOT '.repeat(400)}a`],
    ['many minuses', `${'-'.repeat(1500)}a`],
    ['an unclosed quote at the end of a long query', `${'a '.repeat(900)}"`],
    ['a query at the length limit', 'a OR '.repeat(399) + 'a'],
    ['a NEAR per term', Array.from({ length: 50 }, (_, i) => `(w${i} NEAR/100 v${i})`).join(' OR ')],
  ])('handles %s', (_name, query) => {
    checkQuery(query);
  });
});
