// Parser entry: turns a fetched body into a ParsedFeed or a one-line reason it is not one.
// Detects the format (JSON Feed, RSS/RDF/Atom, HTML page) and hands off; never throws.
import { gunzipSync } from 'node:zlib';
import { decodeCharset } from './decode-charset.ts';
import { parseJsonFeed } from './json/parse-json-feed.ts';
import { parseXmlFeed, rootElement } from './xml/parse-xml-feed.ts';
import { capFeed, MAX_ITEMS_PER_POLL } from './cap-feed.ts';
import { trimXmlItems } from './xml/trim-xml-items.ts';
import type { ParseResult } from './parse-result.ts';

/** Reasons starting with this mean a bug in the parser, not a bad feed (conformance counts them as crashes). */
export const INTERNAL_ERROR = 'internal error:';

// A gzip body without Content-Encoding (a .xml.gz served as is) is unpacked up to this size.
const MAX_GUNZIPPED_BYTES = 64 * 1024 * 1024;
const HTML_START = /^(?:<!doctype\s+html\b|<html\b|<head\b|<body\b)/i;
const FEED_START = /<(?:\?xml\b|rss\b|feed\b|rdf:RDF\b)/;

export async function parseFeed(body: Buffer, contentType: string | null): Promise<ParseResult> {
  try {
    const result = await detectAndParse(body, contentType);
    if (result.kind !== 'ok') return result;
    const capped = capFeed(result.feed);
    const omittedItems = (result.omittedItems ?? 0) + capped.omittedItems;
    return { kind: 'ok', feed: capped.feed, ...(omittedItems > 0 ? { omittedItems } : {}) };
  } catch (error) {
    // A feed must never stop the polling loop; the reason still says this is our bug.
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'rejected', reason: `${INTERNAL_ERROR} ${(message.split('\n')[0] ?? '').slice(0, 160)}` };
  }
}

async function detectAndParse(body: Buffer, contentType: string | null): Promise<ParseResult> {
  if (body.length === 0) return { kind: 'rejected', reason: 'empty document' };
  let bytes = body;
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      bytes = gunzipSync(body, { maxOutputLength: MAX_GUNZIPPED_BYTES });
    } catch {
      return { kind: 'rejected', reason: 'gzip-compressed body that does not decompress' };
    }
  }
  const text = decodeCharset(bytes, contentType).text.trimStart();
  if (text === '') return { kind: 'rejected', reason: 'empty document' };
  if (text.startsWith('{') || text.startsWith('[')) return parseJsonFeed(text);
  if (HTML_START.test(text) || rootElement(text) === 'html') {
    return { kind: 'rejected', reason: 'not a feed: looks like an HTML page' };
  }
  if (text.startsWith('<')) return parseXmlNewest(text);
  // Junk before the document (a PHP warning, a stray line) is skipped if a feed follows soon.
  const start = FEED_START.exec(text.slice(0, 4096));
  if (start !== null) return parseXmlNewest(text.slice(start.index));
  return { kind: 'rejected', reason: 'not a feed: neither XML nor JSON' };
}

/** Parses XML holding at most one poll's worth of items (the newest), counting those left out. */
async function parseXmlNewest(text: string): Promise<ParseResult> {
  const trimmed = trimXmlItems(text, MAX_ITEMS_PER_POLL);
  const result = await parseXmlFeed(trimmed.xml);
  return result.kind === 'ok' && trimmed.omitted > 0 ? { ...result, omittedItems: trimmed.omitted } : result;
}
