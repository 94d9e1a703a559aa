// Splits a rule query into tokens with their columns (docs/rules.md, "Operators").
// Operator words count only in upper case; everything else that is not a quote,
// parenthesis or space is a term token, checked later by the parser.
import type { Field } from '../domain/match.ts';
import { QUERY_LIMITS } from './query-ast.ts';
import { RuleSyntaxError } from './rule-syntax-error.ts';
import { findInvisible, findMixedScript } from './check-rule-characters.ts';

export type ScopeName = Field | 'place';

export type QueryToken = { readonly start: number; readonly end: number; readonly text: string } & (
  | { readonly kind: 'and' | 'or' | 'not' | 'minus' | 'lparen' | 'rparen' | 'end' }
  | { readonly kind: 'near'; readonly distance: number; readonly ordered: boolean }
  | { readonly kind: 'scope'; readonly scope: ScopeName }
  /** A bare term as written: `attack`, `=attack`, `attack*`, `U.S.`, `Iran-backed`. */
  | { readonly kind: 'word' }
  /** A quoted phrase; `body` is the text between the quotes, `exact` for `="…"`. */
  | { readonly kind: 'phrase'; readonly body: string; readonly exact: boolean }
);

const QUOTES = new Set(['"', '“', '”']);
const SCOPES = new Set<string>(['title', 'body', 'source', 'url', 'place']);
const OPERATORS = new Map<string, 'and' | 'or' | 'not'>([['AND', 'and'], ['OR', 'or'], ['NOT', 'not']]);
const NEAR = /^(O?)NEAR(?:\/(.*))?$/;
const SPACE = /\s/u;

export function tokenizeQuery(query: string): QueryToken[] {
  const invisible = findInvisible(query);
  if (invisible !== null) fail(invisible.index, wordAround(query, invisible.index), invisible.hint);
  const tokens: QueryToken[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i] as string;
    if (SPACE.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', start: i, end: i + 1, text: c });
      i++;
    } else if (QUOTES.has(c) || (c === '=' && QUOTES.has(query[i + 1] ?? ''))) {
      i = readPhrase(query, i, tokens);
    } else if (c === '-' && (atTokenStart(query, i) || tokens.at(-1)?.kind === 'minus')) {
      if (i + 1 >= query.length || SPACE.test(query[i + 1] as string)) fail(i, '-', 'expected a term right after "-"');
      tokens.push({ kind: 'minus', start: i, end: i + 1, text: '-' });
      i++;
    } else {
      i = readWord(query, i, tokens);
    }
  }
  tokens.push({ kind: 'end', start: query.length, end: query.length, text: '' });
  for (const token of tokens) {
    if (token.kind !== 'word' && token.kind !== 'phrase') continue;
    for (const [offset, word] of wordsOf(token.text, token.start)) {
      const mixed = findMixedScript(word, offset);
      if (mixed !== null) fail(offset, word, mixed.hint);
    }
  }
  return tokens;
}

/** The words (runs of letters and digits, as articles are split) of a token with their offsets in the query. */
function wordsOf(text: string, start: number): [number, string][] {
  return [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => [start + m.index, m[0]]);
}

function wordAround(query: string, index: number): string {
  const from = query.lastIndexOf(' ', index) + 1;
  const to = query.indexOf(' ', index);
  return query.slice(from, to === -1 ? query.length : to);
}

function atTokenStart(query: string, i: number): boolean {
  const before = query[i - 1];
  return before === undefined || before === '(' || SPACE.test(before);
}

function readPhrase(query: string, start: number, tokens: QueryToken[]): number {
  const exact = query[start] === '=';
  const open = exact ? start + 1 : start;
  let close = open + 1;
  while (close < query.length && !QUOTES.has(query[close] as string)) close++;
  if (close >= query.length) fail(start, query.slice(start), 'unclosed quote');
  const end = close + 1;
  tokens.push({ kind: 'phrase', start, end, text: query.slice(start, end), body: query.slice(open + 1, close), exact });
  return end;
}

function readWord(query: string, start: number, tokens: QueryToken[]): number {
  let end = start;
  while (end < query.length) {
    const c = query[end] as string;
    if (SPACE.test(c) || c === '(' || c === ')' || QUOTES.has(c)) break;
    end++;
  }
  const text = query.slice(start, end);
  const operator = OPERATORS.get(text);
  if (operator !== undefined) {
    tokens.push({ kind: operator, start, end, text });
    return end;
  }
  const near = NEAR.exec(text);
  if (near !== null) {
    tokens.push({ kind: 'near', start, end, text, ordered: near[1] === 'O', distance: readDistance(near[2], start, text) });
    return end;
  }
  const colon = text.indexOf(':');
  const scope = colon > 0 ? text.slice(0, colon).toLowerCase() : '';
  if (SCOPES.has(scope)) {
    tokens.push({ kind: 'scope', start, end: start + colon + 1, text: text.slice(0, colon + 1), scope: scope as ScopeName });
    const rest = start + colon + 1;
    if (query.slice(rest, end) === '=' && QUOTES.has(query[end] ?? '')) return rest; // title:="…"
    if (rest < end) {
      if (query[rest] === '-') fail(rest, text, `put the "-" before "${text.slice(0, colon + 1)}"`);
      const inner = query.slice(rest, end);
      if (SCOPES.has(inner.slice(0, Math.max(0, inner.indexOf(':'))).toLowerCase())) return readWord(query, rest, tokens); // title:place:Iraq
      tokens.push({ kind: 'word', start: rest, end, text: inner });
    } else if (end >= query.length || !(query[end] === '(' || QUOTES.has(query[end] as string))) {
      fail(start, text, `expected a term, a quoted phrase or "(" right after "${text}"`);
    }
    return end;
  }
  tokens.push({ kind: 'word', start, end, text });
  return end;
}

function readDistance(digits: string | undefined, start: number, text: string): number {
  if (digits === undefined) return QUERY_LIMITS.defaultNearDistance;
  if (!/^\d{1,4}$/.test(digits)) fail(start, text, `expected a number of words after "/", e.g. ${text.split('/')[0]}/5`);
  const distance = Number(digits);
  if (distance > QUERY_LIMITS.maxNearDistance) fail(start, text, `at most ${QUERY_LIMITS.maxNearDistance} words apart`);
  return distance;
}

function fail(start: number, token: string, hint: string): never {
  throw new RuleSyntaxError({ ruleId: null, column: start + 1, token, hint });
}
