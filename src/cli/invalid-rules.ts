// The one usage error that names every bad rule of a rule set.
import type { RuleSyntaxError } from '../rules/rule-syntax-error.ts';
import { UsageError } from './usage-error.ts';

/** The one error naming every bad rule. */
export function invalidRules(errors: readonly RuleSyntaxError[], where: string): UsageError {
  const lines = errors.map((error) => `  ${error.message}`);
  return new UsageError(`${where}: ${errors.length} invalid rule(s); none loaded\n${lines.join('\n')}`);
}
