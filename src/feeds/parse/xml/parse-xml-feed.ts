// RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 through rss-parser, mapped to ParsedFeed.
// rss-parser's output shapes stay in the private types at the bottom; this adapter maps them.
import Parser from 'rss-parser';
import type { ParsedFeed, RawItem } from '../../../domain/item.ts';
import type { ParseResult } from '../parse-result.ts';
import { parseDate } from '../parse-date.ts';
import { balanceTags, repairXml } from './repair-xml.ts';

type Format = ParsedFeed['format'];

/** Parses decoded XML text: a strict parse first, then repair passes. Never throws on bad input. */
export async function parseXmlFeed(xml: string): Promise<ParseResult> {
  const root = rootElement(xml);
  if (root === null) return { kind: 'rejected', reason: 'empty document: no root element' };
  const prefixes = feedNamespacePrefixes(xml);
  const format = formatOf(localName(root, prefixes));
  if (format === null) {
    if (root === 'html') return { kind: 'rejected', reason: 'not a feed: looks like an HTML page' };
    return { kind: 'rejected', reason: `not a feed: root element <${root}>` };
  }
  // rss-parser reads channel[0] unconditionally; a document without a channel has no items.
  if (format !== 'atom' && !/<(?:[\w.-]+:)?channel\b/i.test(xml)) {
    return { kind: 'ok', feed: { format, title: null, link: null, items: [] } };
  }
  const options = { format, prefixes };
  const first = await runRssParser(xml, options);
  if (first.kind === 'ok') return { kind: 'ok', feed: toParsedFeed(first.output, format) };
  if (first.kind === 'xml-error') {
    // Entity repair alone keeps the document's structure; tag balancing is the last resort.
    const entitiesFixed = repairXml(xml);
    for (const candidate of [entitiesFixed, balanceTags(entitiesFixed)]) {
      if (candidate === xml) continue;
      const retry = await runRssParser(candidate, options);
      if (retry.kind === 'ok') return { kind: 'ok', feed: toParsedFeed(retry.output, format) };
    }
  }
  return { kind: 'rejected', reason: first.reason };
}

const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*/i;
const ROOT_NAME = /^<([A-Za-z_][\w.:-]*)/;
const XMLNS_PREFIX = /\bxmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g;
// Namespaces whose elements are the feed itself, so a prefix bound to them can be dropped.
const FEED_NAMESPACES = new Set([
  'http://www.w3.org/2005/atom',
  'http://purl.org/atom/ns#',
  'http://purl.org/rss/1.0/',
  'http://my.netscape.com/rdf/simple/0.9/',
]);

/** The root element's name, lower-cased ("rss", "feed", "rdf:rdf", "html"), or null when there is none. */
export function rootElement(xml: string): string | null {
  const rest = xml.slice(PROLOG.exec(xml)?.[0].length ?? 0);
  return ROOT_NAME.exec(rest)?.[1]?.toLowerCase() ?? null;
}

// Prefixes bound to a feed namespace, e.g. "a" in <a:feed xmlns:a="http://www.w3.org/2005/Atom">
// or "rss" in an RDF document using <rss:channel>. Declarations sit near the top.
function feedNamespacePrefixes(xml: string): Set<string> {
  const prefixes = new Set<string>();
  for (const m of xml.slice(0, 65_536).matchAll(XMLNS_PREFIX)) {
    const [, prefix, uri] = m;
    if (prefix !== undefined && uri !== undefined && FEED_NAMESPACES.has(uri.toLowerCase())) prefixes.add(prefix.toLowerCase());
  }
  prefixes.delete('rdf');
  return prefixes;
}

function localName(name: string, prefixes: ReadonlySet<string>): string {
  const colon = name.indexOf(':');
  return colon > 0 && prefixes.has(name.slice(0, colon).toLowerCase()) ? name.slice(colon + 1) : name;
}

function formatOf(root: string): Format | null {
  if (root === 'rss') return 'rss';
  if (root === 'feed') return 'atom';
  if (root === 'rdf:rdf') return 'rdf';
  return null;
}

// rss-parser's getLink reads link.$.rel and crashes on an Atom <link>URL</link> without
// attributes (seen in Atom 0.3 feeds); give such links the href attribute Atom expects.
function prepare(xml: string, format: Format): string {
  if (format !== 'atom') return xml;
  return xml.replace(/<link>\s*([^<\s]*)\s*<\/link>/g, (_m, href: string) => `<link href="${href.replace(/"/g, '&quot;')}"/>`);
}

type RunResult =
  | { kind: 'ok'; output: RssParserOutput }
  | { kind: 'xml-error'; reason: string }
  | { kind: 'structure-error'; reason: string };

interface RunOptions {
  readonly format: Format;
  /** Namespace prefixes to drop from element names (see feedNamespacePrefixes). */
  readonly prefixes: ReadonlySet<string>;
}

async function runRssParser(xml: string, options: RunOptions): Promise<RunResult> {
  const dropPrefix = (name: string): string => localName(name, options.prefixes);
  // A new parser per document: xml2js parsers keep state after an error.
  const parser = new Parser<RssParserFeed, RssParserItem>({
    defaultRSS: 2,
    customFields: { item: CUSTOM_ITEM_FIELDS, feed: CUSTOM_FEED_FIELDS },
    xml2js: { valueProcessors: [defuseAtomDate], ...(options.prefixes.size > 0 ? { tagNameProcessors: [dropPrefix] } : {}) },
  });
  try {
    return { kind: 'ok', output: await parser.parseString(prepare(xml, options.format)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /\nLine: (\d+)/.exec(message);
    const headline = (message.split('\n')[0] ?? '').trim();
    if (position !== null) {
      return { kind: 'xml-error', reason: `XML error at line ${Number(position[1]) + 1}: ${lowerFirst(headline)}` };
    }
    if (/not recognized/i.test(message)) return { kind: 'structure-error', reason: 'not a feed: unrecognised feed structure' };
    return { kind: 'structure-error', reason: `malformed feed: ${lowerFirst(headline).slice(0, 120)}` };
  }
}

// rss-parser runs `new Date(published).toISOString()` on Atom dates, which throws on a date
// JavaScript cannot read and loses the whole feed. Dates we can read become ISO; others become
// empty (rss-parser then skips them and the item gets the fetch time).
function defuseAtomDate(value: string, name: string): string {
  const local = name.slice(name.indexOf(':') + 1);
  if (local !== 'published' && local !== 'updated') return value;
  if (!Number.isNaN(Date.parse(value.trim()))) return value;
  return parseDate(value)?.toISOString() ?? '';
}

const CUSTOM_ITEM_FIELDS: Parser.CustomFieldItem<RssParserItem>[] = [
  'published', 'updated', 'issued', 'modified', 'created', 'id',
  ['title', 'rawTitle', { keepArray: true }],
  ['content', 'rawContent', { keepArray: true }],
  ['summary', 'rawSummary', { keepArray: true }],
  ['link', 'rawLinks', { keepArray: true }],
  ['guid', 'rawGuid', { keepArray: true }],
  ['category', 'rawCategories', { keepArray: true }],
  ['dc:subject', 'rawSubjects', { keepArray: true }],
];

// rss-parser's typings allow only plain names for feed fields, but it accepts the same
// [from, to, options] form as for items.
const CUSTOM_FEED_FIELDS = [['link', 'rawLinks', { keepArray: true }], ['title', 'rawTitle', { keepArray: true }]] as unknown as (keyof RssParserFeed)[];

function toParsedFeed(output: RssParserOutput, format: Format): ParsedFeed {
  return {
    format,
    title: format === 'atom' ? atomTextOf(output.rawTitle) ?? textOf(output.title) : textOf(output.title),
    link: (format === 'atom' ? alternateLink(output.rawLinks) : null) ?? textOf(output.link),
    items: (output.items ?? []).map((item) => (format === 'atom' ? atomItem(item) : rssItem(item))),
  };
}

function rssItem(item: RssParserItem): RawItem {
  const guid = textOf(item.guid) ?? textOf(item['rdf:about']);
  const guidNode = firstOf(item.rawGuid);
  const permalink = !(isRecord(guidNode) && isRecord(guidNode.$) && guidNode.$.isPermaLink === 'false');
  const link = textOf(item.link) ?? (permalink && guid !== null && /^https?:\/\//i.test(guid.trim()) ? guid.trim() : null);
  return {
    guid,
    title: textOf(item.title),
    link,
    content: textOf(item['content:encoded']),
    // rss-parser puts <description> into `content` (serialising naked markup when there is some).
    summary: textOf(item.content) ?? textOf(item.summary),
    published: textOf(item.pubDate) ?? textOf(item.date),
    author: textOf(item.creator) ?? textOf(item.author),
    categories: categoriesOf([item.rawCategories, item.rawSubjects]),
  };
}

function atomItem(item: RssParserItem): RawItem {
  return {
    guid: textOf(item.id),
    title: atomTextOf(item.rawTitle),
    link: alternateLink(item.rawLinks) ?? textOf(item.link),
    content: atomTextOf(item.rawContent) ?? textOf(item.content),
    summary: atomTextOf(item.rawSummary),
    // Atom 1.0 published/updated; Atom 0.3 issued/modified/created.
    published: [item.published, item.updated, item.issued, item.modified, item.created].map(textOf).find((d) => d !== null) ?? null,
    author: textOf(item.author) ?? textOf(item.creator),
    categories: categoriesOf([item.rawCategories]),
  };
}

// Atom text constructs (RFC 4287 section 3.1): type="text" is plain, "html" escaped HTML,
// "xhtml" inline markup; Atom 0.3 may also say mode="base64".
function atomTextOf(nodes: unknown): string | null {
  const node = firstOf(nodes);
  if (!isRecord(node)) {
    const text = textOf(node);
    return text === null ? null : escapeHtml(text);
  }
  const attrs = isRecord(node.$) ? node.$ : {};
  const type = typeof attrs.type === 'string' ? attrs.type.toLowerCase() : 'text';
  if (type === 'xhtml' || type.endsWith('xhtml+xml')) return xhtmlOf(node);
  const text = typeof node._ === 'string' ? node._ : null;
  if (text === null) return null;
  if (attrs.mode === 'base64') return Buffer.from(text, 'base64').toString('utf8');
  if (type === 'html' || type === 'text/html' || attrs.mode === 'escaped') return text;
  return escapeHtml(text);
}

// xml2js does not keep the order of mixed content, so inline XHTML is rebuilt as text runs
// separated by line breaks: enough for matching and summaries.
function xhtmlOf(node: Record<string, unknown>): string | null {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') parts.push(escapeHtml(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (isRecord(value)) for (const [key, child] of Object.entries(value)) if (key !== '$') walk(child);
  };
  walk(node);
  const html = parts.join('<br>');
  return html.trim() === '' ? null : html;
}

function alternateLink(links: unknown): string | null {
  if (!Array.isArray(links)) return null;
  for (const link of links) {
    if (!isRecord(link) || !isRecord(link.$)) continue;
    const rel = typeof link.$.rel === 'string' ? link.$.rel : 'alternate';
    if (rel === 'alternate' && typeof link.$.href === 'string' && link.$.href.trim() !== '') return link.$.href.trim();
  }
  return null;
}

function categoriesOf(lists: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const node of list) {
      const attrs = isRecord(node) && isRecord(node.$) ? node.$ : {};
      const name = textOf(node) ?? textOf(attrs.term) ?? textOf(attrs.label);
      if (name !== null) seen.add(name.trim());
    }
  }
  return [...seen];
}

/** The text of an xml2js value: a string, the character content of an element, or null. */
function textOf(value: unknown): string | null {
  const node = firstOf(value);
  const text = typeof node === 'string' ? node : isRecord(node) && typeof node._ === 'string' ? node._ : null;
  return text === null || text.trim() === '' ? null : text;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// rss-parser's output as configured above. Values are `unknown` because xml2js gives a string,
// an { _: text, $: attributes } object or an array depending on the document.
interface RssParserFeed {
  title?: unknown;
  rawTitle?: unknown;
  link?: unknown;
  rawLinks?: unknown;
}

interface RssParserItem {
  guid?: unknown;
  id?: unknown;
  'rdf:about'?: unknown;
  title?: unknown;
  link?: unknown;
  content?: unknown;
  'content:encoded'?: unknown;
  summary?: unknown;
  pubDate?: unknown;
  date?: unknown;
  published?: unknown;
  updated?: unknown;
  issued?: unknown;
  modified?: unknown;
  created?: unknown;
  creator?: unknown;
  author?: unknown;
  rawTitle?: unknown;
  rawContent?: unknown;
  rawSummary?: unknown;
  rawLinks?: unknown;
  rawGuid?: unknown;
  rawCategories?: unknown;
  rawSubjects?: unknown;
}

interface RssParserOutput {
  title?: unknown;
  rawTitle?: unknown;
  link?: unknown;
  rawLinks?: unknown;
  items?: RssParserItem[];
}
