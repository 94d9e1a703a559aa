// Extractive summary of an item for an alert (spec/check-output.md `summary`): the lead, plus
// the sentence where the rule matched when that is not the lead, as plain text ≤ 600 characters.
import { articleSentences, tidy } from './article-sentences.ts';
import type { ArticleSentence } from './article-sentences.ts';
import { splitWords } from '../text/words.ts';
import type { Field } from '../domain/match.ts';

export const SUMMARY_MAX_CHARS = 600;
/** A lead shorter than this is followed by the next sentence (often the quote with the detail). */
const SHORT_LEAD = 250;

export interface SummaryInput {
  readonly title: string;
  readonly body: string;
  /** Where the rule first matched: a word offset in that field (as MatchedTerm.start). */
  readonly matchedSentenceHint?: { readonly field: Field; readonly start: number } | null;
}

export function summarize(input: SummaryInput): string {
  const sentences = articleSentences(input.body);
  const lead = sentences[0];
  if (lead === undefined) return truncate(tidy(input.title), SUMMARY_MAX_CHARS);

  const picked = new Set<ArticleSentence>([lead]);
  const matched = matchedSentence(input, sentences);
  if (matched !== undefined) picked.add(matched);
  const next = sentences[1];
  if (matched === undefined && next !== undefined && lead.text.length < SHORT_LEAD && !next.text.endsWith('?')) {
    picked.add(next);
  }
  const ordered = [...picked].sort((a, b) => a.start - b.start);
  return joinWithin(ordered.map((s) => s.text), SUMMARY_MAX_CHARS);
}

/** The sentence holding the hinted word, when the hint points into the body. */
function matchedSentence(input: SummaryInput, sentences: readonly ArticleSentence[]): ArticleSentence | undefined {
  const hint = input.matchedSentenceHint;
  if (hint == null || hint.field !== 'body') return undefined;
  const word = splitWords(input.body)[hint.start];
  if (word === undefined) return undefined;
  return sentences.find((s) => s.start <= word.start && word.start < s.end);
}

/** Whole sentences while they fit; a first sentence too long alone is cut at a word. */
function joinWithin(parts: readonly string[], max: number): string {
  let out = '';
  for (const part of parts) {
    const joined = out === '' ? part : `${out} ${part}`;
    if (joined.length <= max) {
      out = joined;
      continue;
    }
    if (out === '') out = truncate(part, max);
    else if (out.length + 2 <= max) out = truncate(joined, max);
    break;
  }
  return out;
}

/** Cuts at the last word boundary that leaves room for an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  const cut = space > max / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
