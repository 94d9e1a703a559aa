// Rules that compile but probably do not say what their author meant, as one line each for the log:
// an operator typed in fullwidth letters (ＡＮＤ) is read as a plain word.
import type { RuleDefinition } from '../domain/match.ts';
import { lookalikeOperator } from './check-rule-characters.ts';
import { tokenizeQuery } from './tokenize-query.ts';
import { RuleSyntaxError } from './rule-syntax-error.ts';

export function ruleWarnings(rules: readonly RuleDefinition[]): string[] {
  return rules.flatMap((rule) => {
    let tokens;
    try {
      tokens = tokenizeQuery(rule.query);
    } catch (error) {
      if (error instanceof RuleSyntaxError) return []; // an error, reported as such elsewhere
      throw error;
    }
    return tokens.flatMap((token) => {
      const operator = token.kind === 'word' ? lookalikeOperator(token.text) : null;
      return operator === null ? [] : [`rule "${rule.id}", column ${token.start + 1}: "${token.text}" is read as a word, not the operator ${operator}; type ${operator} in plain capitals if an operator was meant`];
    });
  });
}
