// Tells whether a rule set would compile, without compiling it when it can (`wirewatch rules list`):
// compiling expands every word's inflections from a lexicon that takes most of a command's start
// time, yet only a rule that fails to parse, a repeated id or a place: term can make it fail.
import type { RuleDefinition } from '../domain/match.ts';
import type { QueryNode } from './query-ast.ts';
import { parseQuery } from './parse-query.ts';
import type { RuleSyntaxError } from './rule-syntax-error.ts';

/** The errors compileRules would report: none, or every bad rule (from a real compile). */
export async function checkRules(defs: readonly RuleDefinition[]): Promise<readonly RuleSyntaxError[]> {
  const ids = new Set(defs.map((d) => d.id));
  const mayFail =
    ids.size < defs.length ||
    defs.some((def) => {
      const parsed = parseQuery(def.query);
      return parsed.kind === 'invalid' || usesPlace(parsed.ast);
    });
  if (!mayFail) return [];
  const { compileRules } = await import('./compile-rules.ts');
  const compiled = compileRules(defs);
  return compiled.kind === 'invalid' ? compiled.errors : [];
}

function usesPlace(node: QueryNode): boolean {
  switch (node.kind) {
    case 'place':
      return true;
    case 'term':
      return false;
    case 'and':
    case 'or':
      return node.children.some(usesPlace);
    case 'not':
    case 'scope':
      return usesPlace(node.child);
    case 'near':
      return usesPlace(node.left) || usesPlace(node.right);
  }
}
