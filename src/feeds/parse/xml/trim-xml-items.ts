// Cuts an XML feed holding more items than one poll takes down to its newest ones BEFORE the XML
// parser builds a tree of them all: 100,000 <item>s would otherwise cost hundreds of MB for 1,000
// kept. Items are found as text (an <item>/<entry> element up to its closing tag) and dated by their
// first date element; documents with fewer items pass through untouched.
import { parseDate } from '../parse-date.ts';

const ITEM = /<((?:[\w.-]+:)?(?:item|entry))\b[^>]*>[\s\S]*?<\/\1\s*>/g;
const ITEM_DATE = /<(?:[\w.-]+:)?(?:pubDate|published|updated|date|issued|modified)\b[^>]*>\s*(?:<!\[CDATA\[)?([^<\]]{1,100})/;

export interface TrimmedXml {
  readonly xml: string;
  readonly omitted: number;
}

export function trimXmlItems(xml: string, max: number): TrimmedXml {
  const items: { start: number; end: number; at: number; index: number }[] = [];
  for (const m of xml.matchAll(ITEM)) {
    const text = m[0];
    const at = parseDate(ITEM_DATE.exec(text)?.[1]?.trim() ?? null)?.getTime() ?? Number.POSITIVE_INFINITY;
    items.push({ start: m.index, end: m.index + text.length, at, index: items.length });
  }
  if (items.length <= max) return { xml, omitted: 0 };
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return { xml, omitted: 0 };
  const kept = [...items].sort((a, b) => b.at - a.at || a.index - b.index).slice(0, max).sort((a, b) => a.index - b.index);
  const body = kept.map((item) => xml.slice(item.start, item.end)).join('');
  return { xml: xml.slice(0, first.start) + body + xml.slice(last.end), omitted: items.length - kept.length };
}
