// Extractive summary of an item for an alert (docs/check-output.md `summary`): the sentences that
// carry the incident, scored (score-sentences.ts) and chosen within 600 characters
// (select-sentences.ts), in article order, as plain text; the matched sentence is always there.
import { articleSentences, tidy } from './article-sentences.ts';
import type { ArticleSentence } from './article-sentences.ts';
import { scoreSentences } from './score-sentences.ts';
import { selectSentences } from './select-sentences.ts';
import { splitWords } from '../text/words.ts';
import type { Field } from '../domain/match.ts';

export const SUMMARY_MAX_CHARS = 600;
/** Sentences past this one are not considered: the incident is told long before (and it bounds the work). */
const MAX_CANDIDATES = 150;

export interface SummaryInput {
  readonly title: string;
  readonly body: string;
  /** Where the rule first matched: a word offset in that field (as MatchedTerm.start). */
  readonly matchedSentenceHint?: { readonly field: Field; readonly start: number } | null;
}

export function summarize(input: SummaryInput): string {
  const budget = SUMMARY_MAX_CHARS;
  const sentences = articleSentences(input.body);
  if (sentences.length === 0) return truncate(tidy(input.title), budget);
  const matched = matchedSentence(input, sentences);
  const candidates = sentences.slice(0, MAX_CANDIDATES);
  const late = matched === undefined ? undefined : sentences[matched];
  if (late !== undefined && (matched ?? 0) >= MAX_CANDIDATES) candidates.push(late);
  const texts = candidates.map((s) => s.text);
  const picked = selectSentences(scoreSentences(texts, input.title), texts.map((t) => t.length), {
    budget,
    required: matched === undefined ? [] : [Math.min(matched, candidates.length - 1)],
  });
  const joined = picked.map((i) => texts[i] ?? '').join(' ');
  return joined.length <= budget ? joined : truncate(joined, budget);
}

/** The index of the sentence holding the hinted word, when the hint points into the body. */
function matchedSentence(input: SummaryInput, sentences: readonly ArticleSentence[]): number | undefined {
  const hint = input.matchedSentenceHint;
  if (hint == null || hint.field !== 'body') return undefined;
  const word = splitWords(input.body)[hint.start];
  if (word === undefined) return undefined;
  const i = sentences.findIndex((s) => s.start <= word.start && word.start < s.end);
  return i < 0 ? undefined : i;
}

/** Cuts at the last word boundary that leaves room for an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  const cut = space > max / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
