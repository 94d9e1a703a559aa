// Checks a parsed query against the rules the grammar alone cannot express (docs/rules.md):
// NEAR operands, at least one positive non-wildcard term, no nested field scopes, size limits.
import { QUERY_LIMITS } from './query-ast.ts';
import type { QueryNode } from './query-ast.ts';
import { RuleSyntaxError } from './rule-syntax-error.ts';

export function validateQuery(query: string, ast: QueryNode): void {
  const state = { terms: 0, positive: false };
  visit(query, ast, false, false, state);
  if (!state.positive) {
    fail(ast.start, query.slice(ast.start, ast.end), 'a rule needs at least one word that is neither excluded (NOT, -) nor a wildcard');
  }
}

function visit(query: string, node: QueryNode, negated: boolean, scoped: boolean, state: { terms: number; positive: boolean }): void {
  switch (node.kind) {
    case 'term':
    case 'place':
      if (++state.terms > QUERY_LIMITS.maxTerms) fail(node.start, query.slice(node.start, node.end), `a query may have at most ${QUERY_LIMITS.maxTerms} terms`);
      if (!negated && (node.kind === 'place' || node.words.some((w) => w.kind === 'word'))) state.positive = true;
      return;
    case 'and':
    case 'or':
      for (const child of node.children) visit(query, child, negated, scoped, state);
      return;
    case 'not':
      visit(query, node.child, !negated, scoped, state);
      return;
    case 'scope':
      if (scoped) fail(node.start, query.slice(node.start, node.end), 'a field scope cannot be inside another field scope');
      visit(query, node.child, negated, true, state);
      return;
    case 'near':
      for (const side of [node.left, node.right]) {
        if (!isPositional(side)) {
          fail(side.start, query.slice(side.start, side.end), 'NEAR and ONEAR take a term, a phrase or an OR group on each side');
        }
        visit(query, side, negated, scoped, state);
      }
      return;
  }
}

/** Terms, phrases, places and OR groups of them (optionally field-scoped) have word positions. */
export function isPositional(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
    case 'place':
      return true;
    case 'or':
      return node.children.every(isPositional);
    case 'scope':
      return isPositional(node.child);
    default:
      return false;
  }
}

function fail(start: number, token: string, hint: string): never {
  throw new RuleSyntaxError({ ruleId: null, column: start + 1, token, hint });
}
