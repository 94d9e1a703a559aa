// Splits a summary into short paragraphs for chat: whole sentences, at most two to a paragraph
// and about 300 characters, so a 600-character summary reads as two or three blocks, not a wall.
import { splitSentences } from './split-sentences.ts';

const MAX_SENTENCES = 2;
const MAX_CHARS = 300;

export function summaryParagraphs(summary: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const { text } of splitSentences(summary.replace(/\s+/g, ' ').trim())) {
    if (current.length > 0 && (current.length >= MAX_SENTENCES || length + 1 + text.length > MAX_CHARS)) {
      paragraphs.push(current.join(' '));
      current = [];
      length = 0;
    }
    current.push(text);
    length += (length === 0 ? 0 : 1) + text.length;
  }
  if (current.length > 0) paragraphs.push(current.join(' '));
  return paragraphs;
}
