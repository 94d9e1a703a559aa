// The feeds a web page advertises: `<link rel="alternate" type="application/rss+xml" href="…">`
// (and Atom, RDF, JSON Feed), resolved against the page's address or its `<base href>`.
// https://www.rssboard.org/rss-autodiscovery
import { decode } from 'html-entities';

export interface FeedLink {
  readonly url: string;
  readonly title: string | null;
}

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/feed+json', 'application/x.atom+xml', 'text/xml', 'application/xml']);
/** A page lists a handful; a page listing thousands is not worth following. */
export const MAX_FEED_LINKS = 5;

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TAG = /<(link|base)\b([^>]*)>/gi;
const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

export function findFeedLinks(html: string, pageUrl: string): FeedLink[] {
  let base = pageUrl;
  const links: FeedLink[] = [];
  const seen = new Set<string>();
  for (const [, name = '', rawAttributes = ''] of html.replace(COMMENT, '').matchAll(TAG)) {
    const attributes = attributesOf(rawAttributes);
    const href = attributes.get('href');
    if (href === undefined || href.trim() === '') continue;
    if (name.toLowerCase() === 'base') {
      base = resolve(href, pageUrl) ?? base;
      continue;
    }
    const rel = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (attributes.get('type') ?? '').toLowerCase().split(';', 1)[0]?.trim() ?? '';
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const url = resolve(href, base);
    if (url === null || seen.has(url)) continue;
    seen.add(url);
    links.push({ url, title: attributes.get('title')?.trim() || null });
    if (links.length === MAX_FEED_LINKS) break;
  }
  return links;
}

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name = '', double, single, bare] of text.matchAll(ATTRIBUTE)) {
    const key = name.toLowerCase();
    if (!attributes.has(key)) attributes.set(key, decode(double ?? single ?? bare ?? ''));
  }
  return attributes;
}

/** An absolute http(s) address, or null (javascript:, data:, or not a URL at all). */
function resolve(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
