// Finds the feeds behind an address a person gives (`feeds add https://example.com`): the address
// itself when it is a feed; else the page's `<link rel="alternate">` feeds; else the first common
// feed path of its site that answers with a feed. Every address goes through the given fetch (the
// SSRF guard for chat), and every candidate is fetched and parsed before it is offered.
import type { FetchResult } from '../fetch/fetch-types.ts';
import { findFeedLinks } from './find-feed-links.ts';
import { parseFeed } from '../parse/parse-feed.ts';

export interface FoundFeed {
  readonly url: string;
  readonly title: string | null;
  readonly items: number;
  /** How it was found: the address itself, a link on the page, or a common path of the site. */
  readonly via: 'address' | 'page-link' | 'common-path';
}

export type Discovery =
  | { readonly kind: 'found'; readonly feeds: readonly FoundFeed[] }
  | { readonly kind: 'none'; readonly reason: string };

/** Where sites usually serve their feed, most common first (WordPress, Ghost, Hugo, Jekyll, Blogger). */
export const COMMON_FEED_PATHS = ['/feed', '/rss', '/feed.xml', '/rss.xml', '/atom.xml', '/index.xml', '/feed.json', '/feeds/posts/default'] as const;

export async function discoverFeeds(url: string, fetch: (url: string) => Promise<FetchResult>): Promise<Discovery> {
  const fetched = await fetch(url);
  if (fetched.kind === 'not-modified') return { kind: 'none', reason: `fetching ${url} failed: the server answered 304 to a first request` };
  if (fetched.kind !== 'ok') return { kind: 'none', reason: `fetching ${url} failed: ${fetched.reason}` };
  const document = await parseFeed(fetched.body, fetched.contentType);
  if (document.kind === 'ok') return { kind: 'found', feeds: [{ url, title: document.feed.title, items: document.feed.items.length, via: 'address' }] };

  const notFeed = `${url} is not a feed (${document.reason.replace(/^not a feed: /, '')})`;
  if (!/^https?:/i.test(fetched.finalUrl)) return { kind: 'none', reason: notFeed };
  const refused: string[] = [];
  const tryFeed = async (candidate: string, via: FoundFeed['via']): Promise<FoundFeed | null> => {
    const result = await fetch(candidate);
    if (result.kind !== 'ok') {
      if (via === 'page-link') refused.push(`${candidate}: ${result.kind === 'not-modified' ? 'HTTP 304' : result.reason}`);
      return null;
    }
    const parsed = await parseFeed(result.body, result.contentType);
    if (parsed.kind !== 'ok') {
      if (via === 'page-link') refused.push(`${candidate}: not a feed (${parsed.reason})`);
      return null;
    }
    return { url: candidate, title: parsed.feed.title, items: parsed.feed.items.length, via };
  };

  const found: FoundFeed[] = [];
  for (const link of findFeedLinks(fetched.body.toString('utf8'), fetched.finalUrl)) {
    const feed = await tryFeed(link.url, 'page-link');
    if (feed !== null) found.push({ ...feed, title: feed.title ?? link.title });
  }
  if (found.length > 0) return { kind: 'found', feeds: found };

  for (const path of COMMON_FEED_PATHS) {
    const candidate = new URL(path, fetched.finalUrl).href;
    if (candidate === url || candidate === fetched.finalUrl) continue;
    const feed = await tryFeed(candidate, 'common-path');
    if (feed !== null) return { kind: 'found', feeds: [feed] };
  }
  const links = refused.length > 0 ? `its feed links failed (${refused.join('; ')})` : 'it links no feed';
  return { kind: 'none', reason: `${notFeed}, ${links}, and none of ${COMMON_FEED_PATHS.join(', ')} on its site is one` };
}
