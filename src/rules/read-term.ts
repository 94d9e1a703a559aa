// Turns a term or phrase as written (`attack`, `=attack`, `attack*`, `U.S.`, `"=rocket attack"`)
// into folded word patterns, with the spec's checks (docs/rules.md, "Terms").
import { splitWords } from '../text/words.ts';
import { QUERY_LIMITS } from './query-ast.ts';
import type { WordPattern } from './query-ast.ts';
import { RuleSyntaxError } from './rule-syntax-error.ts';

const UPPER_ONLY = /^[\p{Lu}\p{N}.]*\p{Lu}[\p{Lu}\p{N}.]*\p{Lu}[\p{Lu}\p{N}.]*$/u;
const SPACES = /\S+/g;

/** One bare term token; `start` is its offset in the query (for error columns). */
export function readTermWords(raw: string, start: number): WordPattern[] {
  return readChunk(raw, start, false);
}

/** The text between a phrase's quotes; `exact` for `="…"`. */
export function readPhraseWords(body: string, bodyStart: number, token: string, tokenStart: number, exact: boolean): WordPattern[] {
  const words: WordPattern[] = [];
  for (const m of body.matchAll(SPACES)) words.push(...readChunk(m[0], bodyStart + m.index, exact));
  if (words.length === 0) fail(tokenStart, token, 'empty phrase: put words between the quotes');
  return words;
}

function readChunk(raw: string, start: number, exactAll: boolean): WordPattern[] {
  let body = raw;
  let exact = exactAll;
  if (body.startsWith('=')) {
    exact = true;
    body = body.slice(1);
  }
  const prefix = body.endsWith('*');
  if (prefix) body = body.slice(0, -1);
  if (body.includes('*')) fail(start, raw, '"*" is allowed only at the end of a word, e.g. attack*');
  if (prefix && exact && !exactAll) fail(start, raw, 'use either =word (exact) or word* (prefix), not both');
  const words = splitWords(body);
  if (words.length === 0) fail(start, raw, hintForNonWord(body));
  const acronym = UPPER_ONLY.test(body);
  const patterns: WordPattern[] = words.map((w) => ({ kind: 'word', text: w.text, exact, acronym }));
  if (prefix) {
    const last = words[words.length - 1] as (typeof words)[number];
    if ([...last.text].length < QUERY_LIMITS.minPrefixLength) {
      fail(start, raw, `a wildcard needs at least ${QUERY_LIMITS.minPrefixLength} letters before "*"`);
    }
    patterns[patterns.length - 1] = { kind: 'prefix', text: last.text };
  }
  return patterns;
}

function hintForNonWord(body: string): string {
  if (body === '') return 'expected a word';
  if (body === '&' || body === '&&') return 'write AND (upper case) for "both"';
  if (body === '|' || body === '||') return 'write OR (upper case) for "either"';
  if (body === '!') return 'write NOT or -word to exclude a word';
  return 'a term needs letters or digits';
}

function fail(start: number, token: string, hint: string): never {
  throw new RuleSyntaxError({ ruleId: null, column: start + 1, token, hint });
}
