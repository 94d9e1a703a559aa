// Turns matched terms into highlighted text segments for replies: the title whole, and the
// stretch of the body around its first match (`rules test` "with highlights").
import type { Item } from '../domain/item.ts';
import type { HighlightedTerm } from '../rules/explain-rule.ts';
import type { Segment } from './reply.ts';

const BODY_WINDOW = 240;
const BEFORE = 60;

export function highlightSnippet(item: Item, matched: readonly HighlightedTerm[]): Segment[] {
  const title = mark(item.title, 0, item.title.length, matched.filter((m) => m.field === 'title'));
  const inBody = matched.filter((m) => m.field === 'body');
  const first = inBody.reduce((min, m) => Math.min(min, m.charStart), Number.POSITIVE_INFINITY);
  const from = Number.isFinite(first) ? wordStart(item.body, Math.max(0, first - BEFORE)) : 0;
  const to = wordEnd(item.body, Math.min(item.body.length, from + BODY_WINDOW));
  if (from >= to) return title;
  const body = mark(item.body, from, to, inBody);
  return [
    ...title,
    { text: from > 0 ? ' — …' : ' — ', highlight: false },
    ...body,
    ...(to < item.body.length ? [{ text: '…', highlight: false }] : []),
  ];
}

/** Segments of text[from, to) with the terms inside highlighted; overlapping terms: the earlier wins. */
function mark(text: string, from: number, to: number, terms: readonly HighlightedTerm[]): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const t of [...terms].sort((a, b) => a.charStart - b.charStart)) {
    if (t.charStart < at || t.charEnd > to) continue;
    if (t.charStart > at) out.push({ text: flatten(text.slice(at, t.charStart)), highlight: false });
    out.push({ text: flatten(text.slice(t.charStart, t.charEnd)), highlight: true });
    at = t.charEnd;
  }
  if (at < to) out.push({ text: flatten(text.slice(at, to)), highlight: false });
  return out;
}

function flatten(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function wordStart(text: string, at: number): number {
  if (at === 0) return 0;
  const space = text.indexOf(' ', at);
  return space === -1 || space - at > 20 ? at : space + 1;
}

function wordEnd(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const space = text.lastIndexOf(' ', at);
  return space === -1 || at - space > 20 ? at : space;
}
