// Parses a rule query into a QueryNode tree (docs/rules.md, "Operators"): NOT/- binds tightest,
// then NEAR/ONEAR, then AND (explicit or implicit), then OR; AND and OR mixed at one level is an error.
import { QUERY_LIMITS } from './query-ast.ts';
import type { QueryNode } from './query-ast.ts';
import { readPhraseWords, readTermWords } from './read-term.ts';
import { RuleSyntaxError } from './rule-syntax-error.ts';
import { tokenizeQuery } from './tokenize-query.ts';
import type { QueryToken } from './tokenize-query.ts';
import { validateQuery } from './validate-query.ts';

export type ParseResult = { readonly kind: 'ok'; readonly ast: QueryNode } | { readonly kind: 'invalid'; readonly error: RuleSyntaxError };

export function parseQuery(query: string): ParseResult {
  try {
    if (query.length > QUERY_LIMITS.maxLength) {
      fail(QUERY_LIMITS.maxLength, query.slice(QUERY_LIMITS.maxLength), `a query may have at most ${QUERY_LIMITS.maxLength} characters`);
    }
    const ast = new Parser(query, tokenizeQuery(query)).parseQuery();
    validateQuery(query, ast);
    return { kind: 'ok', ast };
  } catch (error) {
    if (error instanceof RuleSyntaxError) return { kind: 'invalid', error };
    throw new Error('rules/parse-query: unexpected failure', { cause: error });
  }
}

const OPERAND_STARTS = new Set<QueryToken['kind']>(['word', 'phrase', 'lparen', 'not', 'minus', 'scope']);

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly query: string,
    private readonly tokens: readonly QueryToken[],
  ) {}

  parseQuery(): QueryNode {
    const first = this.peek();
    if (first.kind === 'end') fail(first.start, '', 'the query is empty');
    const ast = this.parseOr();
    const rest = this.peek();
    if (rest.kind === 'rparen') fail(rest.start, ')', 'no matching "(" before this ")"');
    return ast;
  }

  /** One level: operands joined all by OR or all by AND (explicit or implicit). */
  private parseOr(): QueryNode {
    const operands = [this.parseNear()];
    let joiner: 'and' | 'or' | null = null;
    for (;;) {
      const t = this.peek();
      const kind = t.kind === 'and' || t.kind === 'or' ? t.kind : OPERAND_STARTS.has(t.kind) ? 'and' : null;
      if (kind === null) break;
      if (joiner !== null && kind !== joiner) this.failMixed(t, operands);
      joiner = kind;
      if (t.kind === 'and' || t.kind === 'or') {
        this.pos++;
        this.expectOperand(`expected a term after ${t.text}`);
      }
      operands.push(this.parseNear());
    }
    if (joiner === null) return operands[0] as QueryNode;
    const start = (operands[0] as QueryNode).start;
    const end = (operands[operands.length - 1] as QueryNode).end;
    return { kind: joiner, children: operands, start, end };
  }

  /** AND then OR (or the reverse) at one level: show both readings with parentheses. */
  private failMixed(at: QueryToken, operands: readonly QueryNode[]): never {
    if (at.kind === 'and' || at.kind === 'or') {
      this.pos++;
      this.expectOperand(`expected a term after ${at.text}`);
    }
    const next = this.parseNear();
    const first = operands[0] as QueryNode;
    const last = operands[operands.length - 1] as QueryNode;
    const q = this.query;
    const grouped = `(${q.slice(first.start, last.end)})${q.slice(last.end, next.end)}`;
    const nested = `${q.slice(first.start, last.start)}(${q.slice(last.start, next.end)})`;
    fail(at.start, at.text, `add parentheses: ${grouped}, or ${nested}`);
  }

  private parseNear(): QueryNode {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'near') return left;
      this.pos++;
      if (left.kind === 'near') {
        fail(t.start, t.text, 'NEAR cannot be chained: join proximity conditions with AND, e.g. (a NEAR b) AND (b NEAR c)');
      }
      this.expectOperand(`expected a term after ${t.text}`);
      const right = this.parseUnary();
      left = { kind: 'near', left, right, distance: t.distance, ordered: t.ordered, start: left.start, end: right.end };
    }
  }

  private parseUnary(): QueryNode {
    const t = this.peek();
    if (t.kind !== 'not' && t.kind !== 'minus') return this.parsePrimary();
    this.pos++;
    this.expectOperand(`expected a term after ${t.text}`);
    if (++this.depth > QUERY_LIMITS.maxDepth) fail(t.start, t.text, `at most ${QUERY_LIMITS.maxDepth} nested NOTs and parentheses`);
    const child = this.parseUnary();
    this.depth--;
    return { kind: 'not', child, start: t.start, end: child.end };
  }

  private parsePrimary(): QueryNode {
    const t = this.peek();
    switch (t.kind) {
      case 'lparen':
        return this.parseGroup(t);
      case 'scope':
        return this.parseScope(t);
      case 'word':
        this.pos++;
        return { kind: 'term', label: t.text, words: readTermWords(t.text, t.start), start: t.start, end: t.end };
      case 'phrase':
        this.pos++;
        return { kind: 'term', label: t.body.trim(), words: readPhraseWords(t.body, t.start + (t.exact ? 2 : 1), t.text, t.start, t.exact), start: t.start, end: t.end };
      case 'rparen':
        return fail(t.start, ')', 'expected a term before ")"');
      case 'end':
        return fail(t.start, '', 'expected a term');
      default:
        return fail(t.start, t.text, `expected a term before ${t.text}`);
    }
  }

  private parseGroup(open: QueryToken): QueryNode {
    this.pos++;
    if (++this.depth > QUERY_LIMITS.maxDepth) fail(open.start, '(', `at most ${QUERY_LIMITS.maxDepth} nested NOTs and parentheses`);
    if (this.peek().kind === 'rparen') fail(this.peek().start, ')', 'empty parentheses: put a term inside');
    const inner = this.parseOr();
    const close = this.peek();
    if (close.kind !== 'rparen') fail(close.start, close.text, `missing ")" for the "(" at column ${open.start + 1}`);
    this.pos++;
    this.depth--;
    return { ...inner, start: open.start, end: close.end };
  }

  private parseScope(t: QueryToken & { kind: 'scope' }): QueryNode {
    this.pos++;
    const next = this.peek();
    if (t.scope === 'place') {
      if (next.kind !== 'word' && next.kind !== 'phrase') {
        fail(next.start, next.text, 'place: takes a place name, e.g. place:Iraq or place:"New York"');
      }
      this.pos++;
      const name = next.kind === 'phrase' ? next.body.trim() : next.text;
      if (name === '') fail(next.start, next.text, 'empty place name');
      return { kind: 'place', label: `${t.text}${next.text}`, name, start: t.start, end: next.end };
    }
    const child = this.parsePrimary();
    return { kind: 'scope', field: t.scope, child, start: t.start, end: child.end };
  }

  private expectOperand(hint: string): void {
    const t = this.peek();
    if (!OPERAND_STARTS.has(t.kind)) fail(t.start, t.text, hint);
  }

  private peek(): QueryToken {
    return this.tokens[this.pos] as QueryToken;
  }
}

function fail(start: number, token: string, hint: string): never {
  throw new RuleSyntaxError({ ruleId: null, column: start + 1, token, hint });
}
