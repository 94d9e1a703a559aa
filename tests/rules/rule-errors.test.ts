// Rejected queries (docs/rules.md, "Errors"): rule id, 1-based column, offending token, hint.
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/rules/compile-rules.ts';
import { RuleSyntaxError } from '../../src/rules/rule-syntax-error.ts';

type Case = readonly [query: string, column: number, token: string, hint: string];

const CASES: readonly Case[] = [
  ['a AND', 6, '', 'expected a term after AND'],
  ['a AND OR b', 7, 'OR', 'expected a term after AND'],
  ['a OR', 5, '', 'expected a term after OR'],
  ['AND a', 1, 'AND', 'expected a term before AND'],
  ['rocket NOT', 11, '', 'expected a term after NOT'],
  ['rocket -', 8, '-', 'expected a term right after "-"'],
  ['"rocket attack', 1, '"rocket attack', 'unclosed quote'],
  ['iraq "rocket', 6, '"rocket', 'unclosed quote'],
  ['a AND b OR c', 9, 'OR', 'add parentheses: (a AND b) OR c, or a AND (b OR c)'],
  ['a b OR c', 5, 'OR', 'add parentheses: (a b) OR c, or a (b OR c)'],
  ['a OR b AND c', 8, 'AND', 'add parentheses: (a OR b) AND c, or a OR (b AND c)'],
  ['a OR b c', 8, 'c', 'add parentheses: (a OR b) c, or a OR (b c)'],
  ['a OR b -c', 8, '-', 'add parentheses: (a OR b) -c, or a OR (b -c)'],
  ['"rocket attack" AND Iraq OR Syria', 26, 'OR', 'add parentheses: ("rocket attack" AND Iraq) OR Syria, or "rocket attack" AND (Iraq OR Syria)'],
  ['(a', 3, '', 'missing ")" for the "(" at column 1'],
  ['a)', 2, ')', 'no matching "("'],
  ['()', 2, ')', 'empty parentheses'],
  ['', 1, '', 'the query is empty'],
  ['NOT rocket', 1, 'NOT rocket', 'at least one word that is neither excluded'],
  ['-rocket', 1, '-rocket', 'at least one word that is neither excluded'],
  ['attack*', 1, 'attack*', 'at least one word that is neither excluded'],
  ['attack* -bomb', 1, 'attack* -bomb', 'at least one word that is neither excluded'],
  ['iraq at*', 6, 'at*', 'at least 3 letters before "*"'],
  ['iraq at*ack', 6, 'at*ack', 'only at the end of a word'],
  ['iraq =attack*', 6, '=attack*', 'not both'],
  ['rocket NEAR/x base', 8, 'NEAR/x', 'expected a number of words after "/"'],
  ['rocket NEAR/1000 base', 8, 'NEAR/1000', 'at most 100 words apart'],
  ['a NEAR b NEAR c', 10, 'NEAR', 'NEAR cannot be chained'],
  ['a NEAR (b c)', 8, '(b c)', 'NEAR and ONEAR take a term, a phrase or an OR group'],
  ['-a NEAR b', 1, '-a', 'NEAR and ONEAR take a term'],
  ['a ONEAR', 8, '', 'expected a term after ONEAR'],
  ['title: rocket', 1, 'title:', 'right after "title:"'],
  ['title:(a body:b)', 10, 'body:b', 'cannot be inside another field scope'],
  ['title:body:b', 7, 'body:b', 'cannot be inside another field scope'],
  ['a && b', 3, '&&', 'write AND'],
  ['a || b', 3, '||', 'write OR'],
  ['a ""', 3, '""', 'empty phrase'],
  ['rocket title:-drill', 14, 'title:-drill', 'put the "-" before "title:"'],
];

describe('rule errors', () => {
  it.each(CASES)('%j → column %i, token %j, hint %j', (query, column, token, hint) => {
    const result = compileRules([{ id: 'bad', query }]);
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    const [error] = result.errors;
    expect(error).toBeInstanceOf(RuleSyntaxError);
    expect(error?.ruleId).toBe('bad');
    expect(error?.column).toBe(column);
    expect(error?.token).toBe(token);
    expect(error?.hint).toContain(hint);
  });

  it('formats the message with rule id, column, token and hint', () => {
    const result = compileRules([{ id: 'iraq-rocket', query: '"rocket attack" AND Iraq OR Syria' }]);
    expect(result.kind === 'invalid' && result.errors[0]?.message).toBe(
      'rule "iraq-rocket", column 26: unexpected "OR" — add parentheses: ("rocket attack" AND Iraq) OR Syria, or "rocket attack" AND (Iraq OR Syria)',
    );
  });

  it('a file with bad rules loads none and names every bad rule', () => {
    const result = compileRules([
      { id: 'good', query: 'rocket' },
      { id: 'bad-1', query: 'a AND' },
      { id: 'also-good', query: 'mortar' },
      { id: 'bad-2', query: '"unclosed' },
      { id: 'good', query: 'duplicate id' },
    ]);
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    expect(result.errors.map((e) => e.ruleId)).toEqual(['bad-1', 'bad-2', 'good']);
    expect(result.errors[2]?.hint).toContain('same id');
  });

  it('rejects queries over the length and term limits', () => {
    const long = compileRules([{ id: 'long', query: 'a '.repeat(1001) }]);
    expect(long.kind === 'invalid' && long.errors[0]?.hint).toContain('at most 2000 characters');
    const many = compileRules([{ id: 'many', query: Array.from({ length: 101 }, (_, i) => `w${i}`).join(' OR ') }]);
    expect(many.kind === 'invalid' && many.errors[0]?.hint).toContain('at most 100 terms');
    const deep = compileRules([{ id: 'deep', query: `${'('.repeat(25)}a${')'.repeat(25)}` }]);
    expect(deep.kind === 'invalid' && deep.errors[0]?.hint).toContain('nested NOTs and parentheses');
  });
});
