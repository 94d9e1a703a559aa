// Checks a rule id typed in chat before it goes anywhere near the database ("every input is length-limited").
import { INPUT_LIMITS, RULE_ID } from './command-input.ts';

/** Why `id` cannot be a rule id, or null. */
export function checkRuleRef(id: string): string | null {
  if (id.length > INPUT_LIMITS.ruleId) return `a rule id is at most ${INPUT_LIMITS.ruleId} characters`;
  if (!RULE_ID.test(id)) return `"${id}" is not a rule id: letters, digits, ".", "_" or "-", starting with a letter or digit`;
  return null;
}
