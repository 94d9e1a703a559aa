// One renderer for search snippets on every platform: matched words wrapped in the platform's bold
// marker, the rest escaped; whole segments are added while they fit, so markup is never cut in half.
// Whitespace between two matched words is kept (a run of spaces becomes one), so adjacent
// highlights never fuse into `**a****b**`.
import type { Segment } from '../commands/reply.ts';
import { cleanText, ELLIPSIS, escapeText, fitText, type Escapes } from './chat-text.ts';

export interface SnippetMarkup {
  /** `**` on Discord, `*` on Slack. */
  readonly bold: string;
  readonly escapes: Escapes;
}

export function renderSnippet(segments: readonly Segment[], max: number, markup: SnippetMarkup): string {
  let out = '';
  for (const segment of segments) {
    const clean = cleanText(segment.text);
    if (clean === '') {
      if (/\s/.test(segment.text) && out !== '' && !out.endsWith(' ')) out += ' ';
      continue;
    }
    const before = /^\s/.test(segment.text) && !out.endsWith(' ') ? ' ' : '';
    const after = /\s$/.test(segment.text) ? ' ' : '';
    const body = escapeText(clean, markup.escapes);
    const piece = before + (segment.highlight ? `${markup.bold}${body}${markup.bold}` : body) + after;
    if (out.length + piece.length > max - ELLIPSIS.length) {
      if (!segment.highlight && out.length < max - 2 * ELLIPSIS.length) out += fitText(segment.text, max - out.length, markup.escapes);
      else if (out !== '') out += ELLIPSIS;
      return out.trim();
    }
    out += piece;
  }
  return out.trim();
}
