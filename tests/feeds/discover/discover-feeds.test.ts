// Feed discovery through the real fetcher against the loopback server: the address itself, the
// page's links (each verified), then a common path of the site; and what it says when none is found.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { discoverFeeds } from '../../../src/feeds/discover/discover-feeds.ts';
import { DEFAULT_FETCH_OPTIONS, fetchFeed } from '../../../src/feeds/fetch/fetch-feed.ts';
import { respondWith, serveBody, startFeedServer, type FeedServer } from '../../support/feed-server.ts';

const rss = (title: string, items = 1): string =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${'<item><title>x</title><guid>g</guid></item>'.repeat(items)}</channel></rss>`;
const html = (head: string): string => `<!doctype html><html><head><title>Site</title>${head}</head><body><p>Hello</p></body></html>`;

let server: FeedServer;
beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(() => server.close());

const discover = (path: string) => discoverFeeds(server.url(path), (url) => fetchFeed(url, { etag: null, lastModified: null }, { ...DEFAULT_FETCH_OPTIONS, totalTimeoutMs: 5_000 }));
const page = (body: string) => serveBody(body, { contentType: 'text/html; charset=utf-8' });

it('an address that is a feed is that feed', async () => {
  server.route('/news.xml', serveBody(rss('Wire', 3)));
  expect(await discover('/news.xml')).toEqual({ kind: 'found', feeds: [{ url: server.url('/news.xml'), title: 'Wire', items: 3, via: 'address' }] });
});

it('a page offers the feeds it links that really are feeds, in page order', async () => {
  server.route('/', page(html('<link rel="alternate" type="application/rss+xml" title="Top" href="/top.xml"><link rel="alternate" type="application/atom+xml" href="/gone.xml"><link rel="alternate" type="application/rss+xml" title="Linked title" href="sport.xml">')));
  server.route('/top.xml', serveBody(rss('Top stories', 2)));
  server.route('/gone.xml', respondWith(404));
  server.route('/sport.xml', serveBody(rss('')));
  expect(await discover('/')).toEqual({
    kind: 'found',
    feeds: [
      { url: server.url('/top.xml'), title: 'Top stories', items: 2, via: 'page-link' },
      { url: server.url('/sport.xml'), title: 'Linked title', items: 1, via: 'page-link' },
    ],
  });
  expect(server.requestsTo('/feed')).toHaveLength(0);
});

it('a page without feed links falls back to the first common path that answers with a feed', async () => {
  server.route('/blog/post', page(html('')));
  server.route('/rss', page(html(''))); // an HTML page at a feed-like path is not a feed
  server.route('/feed.xml', serveBody(rss('Blog')));
  server.route('/rss.xml', serveBody(rss('Never reached')));
  expect(await discover('/blog/post')).toEqual({ kind: 'found', feeds: [{ url: server.url('/feed.xml'), title: 'Blog', items: 1, via: 'common-path' }] });
  expect(server.requestsTo('/rss.xml')).toHaveLength(0);
});

it('says why when there is no feed anywhere', async () => {
  server.route('/', page(html('<link rel="alternate" type="application/rss+xml" href="/broken.xml">')));
  server.route('/broken.xml', respondWith(500));
  const found = await discover('/');
  expect(found.kind).toBe('none');
  expect(found.kind === 'none' && found.reason).toBe(
    `${server.url('/')} is not a feed (looks like an HTML page), its feed links failed (${server.url('/broken.xml')}: HTTP 500 Internal Server Error), ` +
      'and none of /feed, /rss, /feed.xml, /rss.xml, /atom.xml, /index.xml, /feed.json, /feeds/posts/default on its site is one',
  );
});

it('says why the address itself failed', async () => {
  server.route('/down', respondWith(503));
  expect(await discover('/down')).toEqual({ kind: 'none', reason: `fetching ${server.url('/down')} failed: HTTP 503 Service Unavailable` });
});
