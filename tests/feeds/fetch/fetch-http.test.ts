// fetchFeed over HTTP against the loopback feed server: conditional GET, compression, caps,
// timeouts, redirects, status errors and network failures.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FETCH_OPTIONS, fetchFeed } from '../../../src/feeds/fetch/fetch-feed.ts';
import type { FetchOptions, FetchResult, Validators } from '../../../src/feeds/fetch/fetch-types.ts';
import {
  dripBody,
  handleWith,
  redirectTo,
  respondWith,
  serveBody,
  stallResponse,
  startFeedServer,
  streamHuge,
} from '../../support/feed-server.ts';
import type { ContentEncoding, FeedServer } from '../../support/feed-server.ts';

const NONE: Validators = { etag: null, lastModified: null };
const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>${'<item><title>Rocket attack near Kirkuk</title></item>'.repeat(50)}</channel></rss>`;
const MB = 1024 * 1024;

function options(overrides: Partial<FetchOptions> = {}): FetchOptions {
  return { ...DEFAULT_FETCH_OPTIONS, connectTimeoutMs: 2_000, totalTimeoutMs: 10_000, ...overrides };
}

function expectKind<K extends FetchResult['kind']>(result: FetchResult, kind: K): Extract<FetchResult, { kind: K }> {
  expect(result).toMatchObject({ kind });
  return result as Extract<FetchResult, { kind: K }>;
}

/** The result with any body replaced by its length, so a failed assertion does not print megabytes. */
function outline(result: FetchResult): unknown {
  return result.kind === 'ok' ? { ...result, body: `<${result.body.length} bytes>` } : result;
}

let server: FeedServer;
beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  await server.close();
});

describe('fetchFeed: success and conditional GET', () => {
  it('returns the body, content type, validators and final URL, and identifies itself', async () => {
    server.route('/world.xml', serveBody(RSS, { headers: { 'cache-control': 'public, max-age=300' } }));
    const ok = expectKind(await fetchFeed(server.url('/world.xml'), NONE, options()), 'ok');
    expect(ok.body.toString('utf8')).toBe(RSS);
    expect(ok.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(ok.finalUrl).toBe(server.url('/world.xml'));
    expect(ok.maxAgeSeconds).toBe(300);
    const sent = await server.requests[0]!.ended;
    expect(ok.validators).toEqual({ etag: sent.headers.etag, lastModified: sent.headers['last-modified'] });
    expect(ok.validators.etag).toMatch(/^".+"$/);
    const { headers } = server.requests[0]!;
    expect(headers['user-agent']).toBe(DEFAULT_FETCH_OPTIONS.userAgent);
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers['if-none-match']).toBeUndefined();
  });

  it('sends the validators back and gets not-modified, then the new body once published', async () => {
    server.route('/world.xml', serveBody(RSS, { headers: { 'cache-control': 'max-age=60' } }));
    const first = expectKind(await fetchFeed(server.url('/world.xml'), NONE, options()), 'ok');
    const second = await fetchFeed(server.url('/world.xml'), first.validators, options());
    expect(second).toEqual({ kind: 'not-modified', maxAgeSeconds: 60 });
    expect(server.requests[1]!.headers['if-none-match']).toBe(first.validators.etag);
    expect(server.requests[1]!.headers['if-modified-since']).toBe(first.validators.lastModified);

    const updated = RSS.replace('World', 'World, updated');
    server.route('/world.xml', serveBody(updated));
    const third = expectKind(await fetchFeed(server.url('/world.xml'), first.validators, options()), 'ok');
    expect(third.body.toString()).toBe(updated);
    expect(third.validators.etag).not.toBe(first.validators.etag);
  });

  it('uses If-Modified-Since alone when the server gives no ETag', async () => {
    server.route('/plain.xml', serveBody(RSS, { etag: false, lastModified: new Date('2026-01-02T03:04:05Z') }));
    const first = expectKind(await fetchFeed(server.url('/plain.xml'), NONE, options()), 'ok');
    expect(first.validators).toEqual({ etag: null, lastModified: 'Fri, 02 Jan 2026 03:04:05 GMT' });
    expect(await fetchFeed(server.url('/plain.xml'), first.validators, options())).toEqual({ kind: 'not-modified', maxAgeSeconds: null });
  });
});

describe('fetchFeed: compression', () => {
  it.each<ContentEncoding>(['gzip', 'br', 'deflate', 'identity'])('decodes %s', async (encoding) => {
    server.route('/feed.xml', serveBody(RSS, { encoding }));
    const ok = expectKind(await fetchFeed(server.url('/feed.xml'), NONE, options()), 'ok');
    expect(ok.body.toString()).toBe(RSS);
    const sent = await server.requests[0]!.ended;
    expect(sent.headers['content-encoding']).toBe(encoding === 'identity' ? undefined : encoding);
    if (encoding !== 'identity') expect(sent.bytesSent).toBeLessThan(RSS.length / 4);
  });

  it('picks a compressed encoding when left to the server', async () => {
    server.route('/feed.xml', serveBody(RSS));
    expectKind(await fetchFeed(server.url('/feed.xml'), NONE, options()), 'ok');
    expect((await server.requests[0]!.ended).headers['content-encoding']).toBe('br');
  });

  it('decodes raw deflate, which some servers send instead of zlib-wrapped', async () => {
    server.route('/raw.xml', respondWith(200, { headers: { 'content-encoding': 'deflate' }, body: zlib.deflateRawSync(RSS) }));
    const ok = expectKind(await fetchFeed(server.url('/raw.xml'), NONE, options()), 'ok');
    expect(ok.body.toString()).toBe(RSS);
  });

  it.each([
    ['corrupt gzip', 'gzip', Buffer.from('this is not gzip at all'), /^could not decode the gzip body: /],
    ['corrupt br', 'br', Buffer.from('this is not brotli at all'), /^could not decode the br body: /],
    ['unknown encoding', 'zstd', Buffer.from('whatever'), /^unsupported Content-Encoding "zstd"$/],
  ])('fails on %s', async (_name, encoding, body, reason) => {
    server.route('/bad.xml', respondWith(200, { headers: { 'content-encoding': encoding }, body }));
    const failed = expectKind(await fetchFeed(server.url('/bad.xml'), NONE, options()), 'failed');
    expect(failed.reason).toMatch(reason);
  });
});

describe('fetchFeed: size cap', () => {
  it('aborts a 50 MB body at the 10 MB cap, and the server sees the disconnect', async () => {
    server.route('/huge.xml', streamHuge({ totalBytes: 50 * MB }));
    const result = await fetchFeed(server.url('/huge.xml'), NONE, options());
    expect(outline(result)).toEqual({ kind: 'failed', reason: 'body exceeds the 10 MB limit; aborted' });
    const end = await server.requests[0]!.ended;
    expect(end.how).toBe('client-closed');
    expect(end.bytesSent).toBeLessThan(50 * MB);
  });

  it('refuses early when Content-Length is over the cap', async () => {
    server.route('/huge.xml', streamHuge({ totalBytes: 50 * MB, contentLength: true }));
    const result = await fetchFeed(server.url('/huge.xml'), NONE, options({ maxBytes: MB }));
    expect(outline(result)).toEqual({ kind: 'failed', reason: 'body exceeds the 1 MB limit; aborted' });
    const end = await server.requests[0]!.ended;
    expect(end.how).toBe('client-closed');
    expect(end.bytesSent).toBeLessThan(50 * MB);
  });

  it('accepts a body of exactly the cap', async () => {
    server.route('/exact.xml', streamHuge({ totalBytes: MB }));
    const ok = expectKind(await fetchFeed(server.url('/exact.xml'), NONE, options({ maxBytes: MB })), 'ok');
    expect(ok.body.length).toBe(MB);
  });

  it.each([
    ['gzip', zlib.gzipSync(Buffer.alloc(40 * MB))],
    ['br', zlib.brotliCompressSync(Buffer.alloc(40 * MB))],
    ['deflate', zlib.deflateSync(Buffer.alloc(40 * MB))],
  ])('stops a %s zip bomb that inflates past the cap', async (encoding, bomb) => {
    expect(bomb.length).toBeLessThan(MB); // small on the wire
    server.route('/bomb.xml', respondWith(200, { headers: { 'content-encoding': encoding }, body: bomb }));
    const result = await fetchFeed(server.url('/bomb.xml'), NONE, options());
    expect(outline(result)).toEqual({ kind: 'failed', reason: 'body exceeds the 10 MB limit; aborted' });
  });
});

describe('fetchFeed: timeouts and network failures', () => {
  it.each(['headers', 'body'] as const)('times out when the server stalls before the %s', async (phase) => {
    server.route('/stall.xml', stallResponse(phase));
    const result = await fetchFeed(server.url('/stall.xml'), NONE, options({ totalTimeoutMs: 300 }));
    expect(result).toEqual({ kind: 'failed', reason: 'timed out after 300 ms' });
    expect((await server.requests[0]!.ended).how).toBe('client-closed');
  });

  it('times out a slow drip, and reads a drip that finishes in time', async () => {
    server.route('/slow.xml', dripBody(RSS, { chunkBytes: 8, intervalMs: 20 }));
    expect(await fetchFeed(server.url('/slow.xml'), NONE, options({ totalTimeoutMs: 300 }))).toEqual({
      kind: 'failed',
      reason: 'timed out after 300 ms',
    });
    server.route('/quick.xml', dripBody('<rss version="2.0"></rss>', { chunkBytes: 5, intervalMs: 5 }));
    const ok = expectKind(await fetchFeed(server.url('/quick.xml'), NONE, options()), 'ok');
    expect(ok.body.toString()).toBe('<rss version="2.0"></rss>');
  });

  it('reports a refused connection with the address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const result = await fetchFeed(`http://127.0.0.1:${port}/feed.xml`, NONE, options());
    expect(result).toEqual({ kind: 'failed', reason: `connection refused (127.0.0.1:${port})` });
  });

  it('resolves host names through the injected lookup', async () => {
    server.route('/feed.xml', serveBody(RSS));
    const asked: string[] = [];
    const lookup = ((hostname: string, _options: unknown, callback: (...args: unknown[]) => void) => {
      asked.push(hostname);
      callback(null, [{ address: '127.0.0.1', family: 4 }]);
    }) as LookupFunction;
    const url = server.url('/feed.xml').replace('127.0.0.1', 'feeds.wirewatch.test');
    const ok = expectKind(await fetchFeed(url, NONE, options({ lookup })), 'ok');
    expect(ok.body.toString()).toBe(RSS);
    expect(asked).toEqual(['feeds.wirewatch.test']);
    expect(server.requests[0]!.headers.host).toMatch(/^feeds\.wirewatch\.test:\d+$/);
  });

  it('reports a DNS failure', async () => {
    const lookup = ((hostname: string, _options: unknown, callback: (...args: unknown[]) => void) => {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
    }) as LookupFunction;
    const result = await fetchFeed('http://nowhere.wirewatch.test/feed.xml', NONE, options({ lookup }));
    expect(result).toEqual({ kind: 'failed', reason: 'DNS lookup failed for host nowhere.wirewatch.test' });
  });

  it('applies the connect timeout while the connection is being set up', async () => {
    const lookup: LookupFunction = () => undefined; // never answers: the socket stays "connecting"
    const result = await fetchFeed('http://stuck.wirewatch.test/feed.xml', NONE, options({ lookup, connectTimeoutMs: 200 }));
    expect(result).toEqual({ kind: 'failed', reason: 'could not connect to stuck.wirewatch.test within 200 ms' });
  });

  it('reports a connection reset mid-response', async () => {
    server.route('/reset.xml', {
      kind: 'handler',
      handle: (_req, res) => {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('<rss>');
        setTimeout(() => res.socket?.destroy(), 20);
      },
    });
    const failed = expectKind(await fetchFeed(server.url('/reset.xml'), NONE, options()), 'failed');
    expect(failed.reason).toMatch(/^connection (reset by|to) 127\.0\.0\.1:\d+/);
  });

  it('stops when the caller aborts', async () => {
    server.route('/stall.xml', stallResponse());
    const controller = new AbortController();
    const pending = fetchFeed(server.url('/stall.xml'), NONE, options({ signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await pending).toEqual({ kind: 'failed', reason: 'aborted' });
    expect(await fetchFeed(server.url('/stall.xml'), NONE, options({ signal: AbortSignal.abort() }))).toEqual({
      kind: 'failed',
      reason: 'aborted',
    });
  });

  it.each([
    ['http://', /^invalid URL: http:\/\/$/],
    ['ftp://example.com/feed.xml', /^unsupported URL scheme "ftp:"/],
  ])('fails cleanly on %s', async (url, reason) => {
    const failed = expectKind(await fetchFeed(url, NONE, options()), 'failed');
    expect(failed.reason).toMatch(reason);
  });
});

describe('fetchFeed: redirects', () => {
  it('follows a chain of relative and absolute redirects', async () => {
    server.route('/old', redirectTo('/older/x', 301));
    server.route('/older/x', redirectTo('../moved', 307));
    server.route('/moved', redirectTo(server.url('/feed.xml'), 308));
    server.route('/feed.xml', serveBody(RSS));
    const ok = expectKind(await fetchFeed(server.url('/old'), NONE, options()), 'ok');
    expect(ok.finalUrl).toBe(server.url('/feed.xml'));
    expect(server.requests.map((r) => r.path)).toEqual(['/old', '/older/x', '/moved', '/feed.xml']);
  });

  it('stops a redirect loop after the limit', async () => {
    server.route('/a', redirectTo('/b'));
    server.route('/b', redirectTo('/a', 303));
    const result = await fetchFeed(server.url('/a'), NONE, options());
    expect(result).toEqual({ kind: 'failed', reason: 'too many redirects (more than 5)' });
    expect(server.requests).toHaveLength(6);
  });

  it('follows exactly maxRedirects redirects', async () => {
    server.route('/1', redirectTo('/2'));
    server.route('/2', redirectTo('/feed.xml'));
    server.route('/feed.xml', serveBody(RSS));
    expectKind(await fetchFeed(server.url('/1'), NONE, options({ maxRedirects: 2 })), 'ok');
    expect(await fetchFeed(server.url('/1'), NONE, options({ maxRedirects: 1 }))).toEqual({
      kind: 'failed',
      reason: 'too many redirects (more than 1)',
    });
  });

  it('refuses a redirect to a non-HTTP scheme', async () => {
    server.route('/sneaky', redirectTo('file:///etc/passwd'));
    const failed = expectKind(await fetchFeed(server.url('/sneaky'), NONE, options()), 'failed');
    expect(failed.reason).toMatch(/^redirect to unsupported scheme "file:"/);
  });
});

describe('fetchFeed: HTTP errors', () => {
  it.each([
    [respondWith(500), 500, 'HTTP 500 Internal Server Error', null],
    [respondWith(404, { body: 'gone fishing' }), 404, 'HTTP 404 Not Found', null],
    [respondWith(429, { headers: { 'retry-after': '120' } }), 429, 'HTTP 429 Too Many Requests', 120],
    [respondWith(503, { headers: { 'retry-after': '0' } }), 503, 'HTTP 503 Service Unavailable', 0],
    [respondWith(403, { headers: { 'retry-after': '120' } }), 403, 'HTTP 403 Forbidden', null],
    [respondWith(302), 302, 'HTTP 302 Found without a Location header', null],
  ])('maps %# to http-error %i', async (behaviour, status, reason, retryAfterSeconds) => {
    server.route('/feed.xml', behaviour);
    expect(await fetchFeed(server.url('/feed.xml'), NONE, options())).toEqual({ kind: 'http-error', status, reason, retryAfterSeconds });
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const inAnHour = new Date(Date.now() + 3_600_000).toUTCString();
    server.route('/feed.xml', respondWith(503, { headers: { 'retry-after': inAnHour } }));
    const error = expectKind(await fetchFeed(server.url('/feed.xml'), NONE, options()), 'http-error');
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(3_500);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(3_600);
  });
});

describe('fetchFeed: connections kept alive', () => {
  // The client port of each request: the same port twice in a row means the connection was reused.
  const recordPorts = (answer: (res: ServerResponse) => void): number[] => {
    const ports: number[] = [];
    server.route(
      '/feed.xml',
      handleWith((req, res) => {
        ports.push(req.socket.remotePort ?? 0);
        answer(res);
      }),
    );
    return ports;
  };

  it.each<[string, (res: ServerResponse) => void]>([
    ['a 304 without Content-Length', (res) => res.writeHead(304, { etag: '"v1"' }).end()],
    ['a chunked error body', (res) => res.writeHead(500, { 'transfer-encoding': 'chunked' }).end('x'.repeat(1000))],
    ['a redirect with a small body', (res) => res.writeHead(301, { location: '/other.xml', 'content-length': '2' }).end('ok')],
  ])('reuses the connection after %s', async (_name, answer) => {
    server.route('/other.xml', respondWith(304));
    const ports = recordPorts(answer);
    const validators = { etag: '"v1"', lastModified: null };
    for (let i = 0; i < 3; i++) await fetchFeed(server.url('/feed.xml'), validators, options());
    expect(ports).toHaveLength(3);
    expect(new Set(ports).size).toBe(1);
  });

  it('closes the connection rather than drain a large chunked error body', async () => {
    const ports = recordPorts((res) => {
      res.writeHead(500, { 'transfer-encoding': 'chunked' });
      res.end(Buffer.alloc(512 * 1024, 'x'));
    });
    for (let i = 0; i < 2; i++) expect(await fetchFeed(server.url('/feed.xml'), NONE, options())).toMatchObject({ kind: 'http-error', status: 500 });
    expect(new Set(ports).size).toBe(2);
  });
});
