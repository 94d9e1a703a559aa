// Fits a summary's paragraphs (src/summarize/summary-paragraphs.ts) into a platform's character
// budget, escaped, joined by blank lines; the paragraph that overflows is cut at a word.
import { cleanText, escapeText, fitText, type Escapes } from './chat-text.ts';
import { summaryParagraphs } from '../summarize/summary-paragraphs.ts';

const BREAK = '\n\n';

export function fitParagraphs(summary: string, max: number, escapes: Escapes): string {
  let out = '';
  for (const paragraph of summaryParagraphs(summary)) {
    const room = max - out.length - (out === '' ? 0 : BREAK.length);
    const fitted = fitText(paragraph, room, escapes);
    if (fitted === '') break;
    out = out === '' ? fitted : `${out}${BREAK}${fitted}`;
    // A cut paragraph ends the text: what follows it would read as if nothing were missing.
    if (fitted !== escapeText(cleanText(paragraph), escapes)) break;
  }
  return out;
}
