// Renders an alert as a readable block of plain text for a terminal or a log file: title, the
// facts line, the summary in paragraphs, then source, link and matched terms.
import type { Alert, Facts } from '../../domain/alert.ts';
import type { MatchedTerm } from '../../domain/match.ts';
import { summaryParagraphs } from '../../summarize/summary-paragraphs.ts';

const RULE = '─'.repeat(72);

export function renderConsoleAlert(alert: Alert): string {
  const lines = [`${RULE}`, `ALERT [${alert.ruleId}] ${oneLine(alert.title)}`];
  const facts = alert.facts ? renderFacts(alert.facts) : '';
  if (facts) lines.push(facts);
  if (alert.summary) lines.push('', summaryParagraphs(oneLine(alert.summary)).map((p) => wrap(p, 72)).join('\n\n'), '');
  lines.push(`Source:  ${oneLine(alert.source)} · ${formatTime(alert.published)}`);
  if (alert.link) lines.push(`Link:    ${alert.link}`);
  if (alert.matched.length > 0) lines.push(`Matched: ${renderMatched(alert.matched)}`);
  if (alert.alsoReportedBy.length > 0) lines.push(`Also reported by: ${alert.alsoReportedBy.map(oneLine).join(', ')}`);
  lines.push(RULE);
  return lines.join('\n');
}

/** "Kirkuk, Iraq · 1 killed · Fri 27 Dec 2019" */
export function renderFacts(facts: Facts): string {
  const parts: string[] = [];
  if (facts.places.length > 0) parts.push(facts.places.map((p) => p.name).join(', '));
  const toll = [facts.killed !== null ? `${facts.killed} killed` : '', facts.injured !== null ? `${facts.injured} injured` : '']
    .filter(Boolean)
    .join(', ');
  if (toll) parts.push(toll);
  if (facts.when) parts.push(formatDay(facts.when));
  if (facts.attribution) parts.push(facts.attribution);
  return parts.join(' · ');
}

function renderMatched(matched: readonly MatchedTerm[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of matched) {
    const label = `${m.term} (${m.field})`;
    if (!seen.has(label)) out.push(label);
    seen.add(label);
  }
  return out.join(', ');
}

function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function formatDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).replace(/,/g, '');
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
