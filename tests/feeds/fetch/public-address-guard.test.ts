// The SSRF guard: address classification, IP literals in every spelling the URL parser accepts,
// names resolving to private addresses, and redirects to them, through the real fetchFeed.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FETCH_OPTIONS, fetchFeed } from '../../../src/feeds/fetch/fetch-feed.ts';
import type { FetchOptions, FetchResult } from '../../../src/feeds/fetch/fetch-types.ts';
import { checkPublicUrl, createPublicLookup, guardFetchOptions, whyNotPublic } from '../../../src/feeds/fetch/public-address-guard.ts';
import type { Resolver } from '../../../src/feeds/fetch/public-address-guard.ts';
import { redirectTo, serveBody, startFeedServer } from '../../support/feed-server.ts';
import type { FeedServer } from '../../support/feed-server.ts';

const NONE = { etag: null, lastModified: null };
const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>x</title></item></channel></rss>';

describe('whyNotPublic', () => {
  it.each([
    ['0.0.0.0', '0.0.0.0/8'],
    ['10.1.2.3', '10.0.0.0/8'],
    ['100.64.0.1', '100.64.0.0/10'],
    ['100.127.255.255', '100.64.0.0/10'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'metadata'],
    ['172.16.0.1', '172.16.0.0/12'],
    ['172.31.255.255', '172.16.0.0/12'],
    ['192.168.1.1', '192.168.0.0/16'],
    ['192.0.2.10', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:10.0.0.1', '10.0.0.0/8'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::10.0.0.1', '10.0.0.0/8'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b:1::1', 'NAT64'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:c0a8:101::1', '192.168.0.0/16'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['2001:db8::1', 'documentation'],
    ['2001:0:4136:e378::1', 'Teredo'],
    ['not-an-ip', 'not an IP address'],
  ])('%s is refused (%s)', (address, why) => {
    expect(whyNotPublic(address)).toContain(why);
  });

  it.each(['1.1.1.1', '8.8.8.8', '93.184.216.34', '100.63.255.255', '100.128.0.0', '172.15.255.255', '172.32.0.0', '169.255.0.1', '2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    '%s is public',
    (address) => {
      expect(whyNotPublic(address)).toBeNull();
    },
  );

  it('judges an IPv4 address and its mapped IPv6 spellings alike', () => {
    fc.assert(
      fc.property(fc.ipV4(), (address) => {
        const [a = 0, b = 0, c = 0, d = 0] = address.split('.').map(Number);
        const hex = `::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        const plain = whyNotPublic(address) === null;
        expect(whyNotPublic(`::ffff:${address}`) === null).toBe(plain);
        expect(whyNotPublic(hex) === null).toBe(plain);
        expect(whyNotPublic(`64:ff9b::${address}`) === null).toBe(plain);
      }),
    );
  });
});

describe('checkPublicUrl', () => {
  it.each([
    'http://127.0.0.1/feed',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://017700000001/',
    'http://127.1/',
    'http://127.0.0.1./',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]:8080/',
    'http://[0:0:0:0:0:ffff:7f00:1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://0xa9fea9fe/',
    'http://2852039166/',
    'https://10.0.0.1/feed.xml',
    'http://0/',
    'http://[fd00::1]/',
    'http://[64:ff9b::7f00:1]/',
  ])('refuses %s', (url) => {
    expect(checkPublicUrl(new URL(url))).toMatch(/^refused /);
  });

  it.each([
    ['ftp://example.com/feed', 'only http and https'],
    ['file:///etc/passwd', 'only http and https'],
    ['http://user:pw@example.com/', 'user name or password'],
  ])('refuses %s', (url, why) => {
    expect(checkPublicUrl(new URL(url))).toContain(why);
  });

  it.each(['https://example.com/feed.xml', 'http://8.8.8.8/', 'http://[2606:4700::1]/rss'])('lets %s through (names are checked at lookup)', (url) => {
    expect(checkPublicUrl(new URL(url))).toBeNull();
  });

  it('lets an exempt address through', () => {
    expect(checkPublicUrl(new URL('http://127.0.0.1:8080/'), ['127.0.0.1'])).toBeNull();
  });
});

describe('createPublicLookup', () => {
  const lookup = createPublicLookup({
    resolve: () => Promise.resolve([{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }]),
  });
  const call = (options: { all?: boolean; family?: number }): Promise<unknown> =>
    new Promise((resolve, reject) => {
      lookup('example.test', options, (error: NodeJS.ErrnoException | null, address: unknown, family?: number) =>
        error ? reject(error) : resolve(options.all === true ? address : [address, family]),
      );
    });

  it.each<[{ all?: boolean; family?: number }, unknown]>([
    [{}, ['93.184.216.34', 4]],
    [{ family: 6 }, ['2606:2800:220:1::1', 6]],
    [{ all: true }, [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }]],
    [{ all: true, family: 4 }, [{ address: '93.184.216.34', family: 4 }]],
  ])('answers %j like dns.lookup', async (options, expected) => {
    await expect(call(options)).resolves.toEqual(expected);
  });

  it('passes resolver errors through', async () => {
    const failing = createPublicLookup({ resolve: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' })) });
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => failing('x', {}, (e) => resolve(e)));
    expect(error?.code).toBe('ENOTFOUND');
  });
});

describe('fetchFeed with the guard', () => {
  let server: FeedServer;
  beforeEach(async () => {
    server = await startFeedServer();
    server.route('/feed.xml', serveBody(RSS));
  });
  afterEach(() => server.close());

  /** A resolver for the test's made-up names; anything else does not exist. */
  const names = (table: Record<string, string>): Resolver => (hostname) => {
    const address = table[hostname];
    if (address === undefined) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
    return Promise.resolve([{ address, family: address.includes(':') ? 6 : 4 }]);
  };
  const options = (resolve: Resolver, exempt: readonly string[] = []): FetchOptions =>
    guardFetchOptions({ ...DEFAULT_FETCH_OPTIONS, connectTimeoutMs: 2_000, totalTimeoutMs: 5_000 }, { resolve, exempt });
  const port = (): string => new URL(server.origin).port;
  const failed = (result: FetchResult): string => {
    expect(result.kind).toBe('failed');
    return result.kind === 'failed' ? result.reason : '';
  };

  it('refuses a name that resolves to loopback, without connecting', async () => {
    const result = await fetchFeed(`http://feeds.example.test:${port()}/feed.xml`, NONE, options(names({ 'feeds.example.test': '127.0.0.1' })));
    expect(failed(result)).toContain('refused feeds.example.test: it resolves to 127.0.0.1, which is a loopback address');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a name when any of its addresses is private', async () => {
    const resolve: Resolver = () => Promise.resolve([{ address: '93.184.216.34', family: 4 }, { address: '::ffff:10.0.0.7', family: 6 }]);
    expect(failed(await fetchFeed('http://mixed.example.test/feed.xml', NONE, options(resolve)))).toContain('10.0.0.0/8');
  });

  it('refuses an IP-literal loopback URL before any request', async () => {
    expect(failed(await fetchFeed(`http://2130706433:${port()}/feed.xml`, NONE, options(names({}))))).toContain('loopback');
    expect(server.requests).toHaveLength(0);
  });

  it('fetches from an exempt address (the test server standing in for a public one)', async () => {
    const result = await fetchFeed(`http://public.example.test:${port()}/feed.xml`, NONE, options(names({ 'public.example.test': '127.0.0.1' }), ['127.0.0.1']));
    expect(result.kind).toBe('ok');
  });

  it.each([
    ['an IP literal', 'http://169.254.169.254/latest/meta-data/', 'redirect refused: refused 169.254.169.254: 169.254.169.254 is a link-local or cloud metadata address'],
    ['a decimal IP literal', 'http://167772161/', 'redirect refused: refused 10.0.0.1: 10.0.0.1 is a private address (10.0.0.0/8)'],
    ['a name resolving to loopback', 'http://internal.example.test:PORT/feed.xml', 'refused internal.example.test: it resolves to 127.0.0.2, which is a loopback address'],
  ])('refuses a redirect from the public-looking server to %s', async (_what, target, reason) => {
    server.route('/moved.xml', redirectTo(target.replace('PORT', port())));
    const resolve = names({ 'public.example.test': '127.0.0.1', 'internal.example.test': '127.0.0.2' });
    const result = await fetchFeed(`http://public.example.test:${port()}/moved.xml`, NONE, options(resolve, ['127.0.0.1']));
    expect(failed(result)).toContain(reason);
    expect(server.requestsTo('/feed.xml')).toHaveLength(0);
  });

  it('follows a redirect between public addresses', async () => {
    server.route('/moved.xml', redirectTo('/feed.xml'));
    const result = await fetchFeed(`http://public.example.test:${port()}/moved.xml`, NONE, options(names({ 'public.example.test': '127.0.0.1' }), ['127.0.0.1']));
    expect(result.kind).toBe('ok');
  });
});
