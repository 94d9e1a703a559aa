// Renders a rule explanation for `wirewatch rules test`: the text with matches highlighted
// (bold on a terminal, [[brackets]] otherwise), then why the rule fired or which clause failed.
import type { Article, Field } from '../domain/match.ts';
import type { HighlightedTerm, RuleExplanation } from '../rules/explain-rule.ts';

const TEXT_FIELDS: readonly Field[] = ['title', 'body'];

export function renderExplanation(article: Article, explanation: RuleExplanation, colour: boolean): string {
  if (explanation.kind === 'invalid') return `${explanation.error.message}\n`;
  const mark = colour ? (s: string) => `\x1b[1;33m${s}\x1b[0m` : (s: string) => `[[${s}]]`;
  const lines: string[] = [];
  for (const field of TEXT_FIELDS) {
    if (!article[field]) continue;
    lines.push(`${field}: ${highlightField(article[field], explanation.matched.filter((m) => m.field === field), mark)}`);
  }
  lines.push('');
  if (explanation.fired) {
    lines.push(`FIRED: ${explanation.matched.map((m) => `${m.term} → "${m.text}" (${m.field}, words ${m.start}-${m.end})`).join('; ')}`);
  } else {
    lines.push(`DID NOT FIRE: this clause is false: ${explanation.failedClause ?? '(the whole query)'}`);
    if (explanation.matched.length > 0) lines.push(`found anyway: ${[...new Set(explanation.matched.map((m) => m.term))].join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function highlightField(text: string, terms: readonly HighlightedTerm[], mark: (s: string) => string): string {
  const spans = [...terms].sort((a, b) => a.charStart - b.charStart);
  let out = '';
  let at = 0;
  for (const span of spans) {
    if (span.charStart < at) continue; // overlapping highlight: the earlier one wins
    out += text.slice(at, span.charStart) + mark(text.slice(span.charStart, span.charEnd));
    at = span.charEnd;
  }
  return out + text.slice(at);
}
