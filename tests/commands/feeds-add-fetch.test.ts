// `feeds add` through the real fetcher and SSRF guard against the loopback feed server (which
// stands in for a public host by being exempted; without the exemption it is refused).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatFeedFetch } from '../../src/commands/chat-feed-fetch.ts';
import { parseCommandText } from '../../src/commands/command-input.ts';
import type { Reply } from '../../src/commands/reply.ts';
import { runCommand } from '../../src/commands/run-command.ts';
import { DEFAULT_FETCH_OPTIONS } from '../../src/feeds/fetch/fetch-feed.ts';
import type { Resolver } from '../../src/feeds/fetch/public-address-guard.ts';
import { redirectTo, respondWith, serveBody, startFeedServer, streamHuge } from '../support/feed-server.ts';
import type { FeedServer } from '../support/feed-server.ts';
import { DIALECTS } from '../store/dialects.ts';
import { context, useCommandStore } from './command-harness.ts';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback News</title><item><title>One</title><guid>1</guid></item></channel></rss>';
const resolve: Resolver = (hostname) =>
  hostname === 'news.example.test' ? Promise.resolve([{ address: '127.0.0.1', family: 4 }]) : Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));

const SQLITE = DIALECTS.find((d) => d.name === 'sqlite');
if (SQLITE === undefined) throw new Error('test: the SQLite dialect is always there');

describe('feeds add through the guard', () => {
  const h = useCommandStore(SQLITE);
  let server: FeedServer;
  beforeEach(async () => {
    server = await startFeedServer();
    server.route('/feed.xml', serveBody(RSS));
  });
  afterEach(() => server.close());

  const add = async (url: string, exempt: readonly string[]): Promise<Reply> => {
    const parsed = parseCommandText(`feeds add ${url}`);
    if (parsed.kind !== 'ok') throw new Error('test: does not parse');
    const testFetch = createChatFeedFetch({ ...DEFAULT_FETCH_OPTIONS, totalTimeoutMs: 5_000 }, { resolve, exempt });
    return runCommand(parsed.command, context(), h.deps({ testFetch }));
  };
  const port = (): string => new URL(server.origin).port;

  it('accepts a public-looking feed that fetches and parses', async () => {
    const r = await add(`http://news.example.test:${port()}/feed.xml`, ['127.0.0.1']);
    expect(r).toMatchObject({ error: false, title: 'Feed added: Loopback News' });
    expect((await h.settings().loadActiveFeeds(60)).map((f) => f.url)).toEqual([`http://news.example.test:${port()}/feed.xml`]);
  });

  it.each([
    ['a name resolving to loopback', 'http://news.example.test:PORT/feed.xml', 'refused news.example.test: it resolves to 127.0.0.1, which is a loopback address'],
    ['a loopback literal', 'http://127.0.0.1:PORT/feed.xml', 'refused 127.0.0.1:PORT: 127.0.0.1 is a loopback address'],
    ['a decimal loopback literal', 'http://2130706433:PORT/feed.xml', 'refused 127.0.0.1:PORT: 127.0.0.1 is a loopback address'],
    ['an IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]:PORT/feed.xml', 'is a loopback address'],
  ])('refuses %s', async (_what, url, why) => {
    const r = await add(url.replace('PORT', port()), []);
    expect(r).toMatchObject({ error: true, ephemeral: true });
    expect(r.lines.join('\n')).toContain(why.replace('PORT', port()));
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    server.route('/moved.xml', redirectTo('http://169.254.169.254/latest/meta-data/'));
    const r = await add(`http://news.example.test:${port()}/moved.xml`, ['127.0.0.1']);
    expect(r.lines.join('\n')).toContain('redirect refused: refused 169.254.169.254: 169.254.169.254 is a link-local or cloud metadata address');
    expect(await h.settings().loadActiveFeeds(60)).toEqual([]);
  });

  it('given a web page, adds the feed it links, fetched through the guard', async () => {
    server.route('/', serveBody(`<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>`, { contentType: 'text/html' }));
    const r = await add(`http://news.example.test:${port()}/`, ['127.0.0.1']);
    expect(r).toMatchObject({ error: false, title: 'Feed added: Loopback News' });
    expect(r.lines[0]).toBe(`Found on http://news.example.test:${port()}/.`);
    expect((await h.settings().loadActiveFeeds(60)).map((f) => f.url)).toEqual([`http://news.example.test:${port()}/feed.xml`]);
  });

  it('a page linking to a private address gets nothing fetched from there', async () => {
    server.route('/', serveBody(`<html><head><link rel="alternate" type="application/rss+xml" href="http://127.0.0.2:${port()}/private.xml"></head></html>`, { contentType: 'text/html' }));
    server.route('/private.xml', serveBody(RSS));
    server.route('/feed.xml', respondWith(404));
    const r = await add(`http://news.example.test:${port()}/`, ['127.0.0.1']);
    expect(r).toMatchObject({ error: true, title: 'Feed not added' });
    expect(r.lines.join('\n')).toContain(`its feed links failed (http://127.0.0.2:${port()}/private.xml: refused 127.0.0.2:${port()}: 127.0.0.2 is a loopback address)`);
    expect(server.requestsTo('/private.xml')).toHaveLength(0);
    expect(await h.settings().loadActiveFeeds(60)).toEqual([]);
  });

  it('refuses a body over the chat size limit', async () => {
    server.route('/huge.xml', streamHuge({ totalBytes: 6 * 1024 * 1024 }));
    const r = await add(`http://news.example.test:${port()}/huge.xml`, ['127.0.0.1']);
    expect(r.lines.join('\n')).toContain('body exceeds the 5 MB limit');
  });
});
