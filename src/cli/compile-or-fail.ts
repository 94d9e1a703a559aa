// Rule compilation for the commands that need it: a rule set, or one error naming every bad rule.
import type { RuleDefinition } from '../domain/match.ts';
import { compileRules, type CompiledRules } from '../rules/compile-rules.ts';
import { invalidRules } from './invalid-rules.ts';

/** Compiles rules or throws a UsageError naming every bad rule. */
export function compileOrFail(rules: readonly RuleDefinition[], where: string): CompiledRules {
  const compiled = compileRules(rules);
  if (compiled.kind === 'invalid') throw invalidRules(compiled.errors, where);
  return compiled.rules;
}
