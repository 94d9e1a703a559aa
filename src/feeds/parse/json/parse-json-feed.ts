// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) to ParsedFeed. Lenient like a
// reader: wrong-typed fields are ignored, items with nothing usable are dropped.
import type { ParsedFeed, RawItem } from '../../../domain/item.ts';
import type { ParseResult } from '../parse-result.ts';

const VERSION_PREFIX = /^https?:\/\/jsonfeed\.org\/version\//;

/** Parses JSON text; rejects JSON that is not a JSON Feed. Never throws. */
export function parseJsonFeed(text: string): ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { kind: 'rejected', reason: `JSON error: ${firstLine(error)}` };
  }
  if (!isRecord(doc)) return { kind: 'rejected', reason: 'not a feed: JSON document is not an object' };
  const version = stringOf(doc.version);
  const items = Array.isArray(doc.items) ? doc.items : null;
  // A missing or unknown version is tolerated when the shape is clearly a feed (an items array).
  if (items === null && (version === null || !VERSION_PREFIX.test(version))) {
    return { kind: 'rejected', reason: 'not a feed: JSON without a JSON Feed version or items' };
  }
  const feed: ParsedFeed = {
    format: 'json',
    title: stringOf(doc.title),
    link: stringOf(doc.home_page_url),
    items: (items ?? []).filter(isRecord).map(toRawItem).filter(hasSubstance),
  };
  return { kind: 'ok', feed };
}

function toRawItem(item: Record<string, unknown>): RawItem {
  const contentText = stringOf(item.content_text);
  const summary = stringOf(item.summary);
  return {
    guid: idOf(item.id),
    title: stringOf(item.title),
    link: stringOf(item.url) ?? stringOf(item.external_url),
    // content_text and summary are plain text; RawItem content is HTML, so escape them.
    content: stringOf(item.content_html) ?? (contentText === null ? null : plainToHtml(contentText)),
    summary: summary === null ? null : plainToHtml(summary),
    published: stringOf(item.date_published) ?? stringOf(item.date_modified),
    author: authorOf(item),
    categories: Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : [],
  };
}

// 1.1 has "authors" (array); 1.0 had "author" (object).
function authorOf(item: Record<string, unknown>): string | null {
  const authors = Array.isArray(item.authors) ? item.authors : [item.author];
  for (const author of authors) {
    if (isRecord(author)) {
      const name = stringOf(author.name);
      if (name !== null) return name;
    }
  }
  return null;
}

function hasSubstance(item: RawItem): boolean {
  return [item.guid, item.link, item.title, item.content, item.summary].some((v) => v !== null);
}

// The spec says id is a string; numbers are common enough to accept.
function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return stringOf(value);
}

function stringOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function plainToHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').slice(0, 160);
}
