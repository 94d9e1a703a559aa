// Limits on what one feed can cost: a gzip body sent without Content-Encoding counts against
// maxBytes once inflated; a large document parses off the main thread (other feeds keep polling);
// one poll keeps at most MAX_ITEMS_PER_POLL items, the newest, and caps each item's text.
import { gzipSync } from 'node:zlib';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed, DEFAULT_FETCH_OPTIONS } from '../../src/feeds/fetch/fetch-feed.ts';
import { parseFeed } from '../../src/feeds/parse/parse-feed.ts';
import { parseFeedOffThread, IN_PLACE_MAX_BYTES } from '../../src/feeds/parse/parse-feed-off-thread.ts';
import { capFeed, MAX_ITEMS_PER_POLL, MAX_RAW_TEXT } from '../../src/feeds/parse/cap-feed.ts';
import { trimXmlItems } from '../../src/feeds/parse/xml/trim-xml-items.ts';
import type { RawItem } from '../../src/domain/item.ts';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { logLines, runCli } from '../support/run-cli.ts';

const NO_VALIDATORS = { etag: null, lastModified: null };

function rssOf(count: number, extra = ''): string {
  const items = Array.from({ length: count }, (_, i) => `<item><guid>g${i}</guid><title>attack ${i}</title><pubDate>${new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString()}</pubDate>${extra}</item>`);
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${items.join('')}</channel></rss>`;
}

describe('a gzip body without Content-Encoding', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(() => server.close());

  it('counts its inflated size against maxBytes', async () => {
    const inflated = Buffer.from(rssOf(20_000)); // about 1.9 MB, gzipped to far under the limit
    const gz = gzipSync(inflated);
    server.route('/bomb.xml', serveBody(gz, { encoding: 'identity' }));
    const maxBytes = 512 * 1024;
    expect(gz.length).toBeLessThan(maxBytes);
    const result = await fetchFeed(server.url('/bomb.xml'), NO_VALIDATORS, { ...DEFAULT_FETCH_OPTIONS, maxBytes });
    expect(result).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/exceeds the .* limit/) });
  });

  it('is inflated when it fits, and parses', async () => {
    server.route('/small.xml.gz', serveBody(gzipSync(rssOf(3)), { encoding: 'identity' }));
    const result = await fetchFeed(server.url('/small.xml.gz'), NO_VALIDATORS, DEFAULT_FETCH_OPTIONS);
    if (result.kind !== 'ok') throw new Error(`test: fetch ${result.kind}`);
    expect(result.body.subarray(0, 5).toString()).toBe('<?xml');
    expect(await parseFeed(result.body, null)).toMatchObject({ kind: 'ok', feed: { items: [{ guid: 'g0' }, { guid: 'g1' }, { guid: 'g2' }] } });
  });
});

describe('a large document', () => {
  it('parses off the main thread: timers keep firing while it parses', { timeout: 60_000 }, async () => {
    const body = Buffer.from(rssOf(MAX_ITEMS_PER_POLL, `<description>${'word '.repeat(600)}</description>`));
    expect(body.length).toBeGreaterThan(IN_PLACE_MAX_BYTES);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    const result = await parseFeedOffThread(body, 'application/rss+xml');
    const during = ticks;
    clearInterval(ticker);
    expect(result).toMatchObject({ kind: 'ok' });
    expect(result.kind === 'ok' && result.feed.items.length).toBe(MAX_ITEMS_PER_POLL);
    expect(during).toBeGreaterThanOrEqual(3);
  });
});

describe('items per poll and text per item', () => {
  it('keeps the newest MAX_ITEMS_PER_POLL items of a bigger XML feed, in document order, and counts the rest', async () => {
    const result = await parseFeed(Buffer.from(rssOf(MAX_ITEMS_PER_POLL + 250)), null);
    if (result.kind !== 'ok') throw new Error('test: rejected');
    expect(result.omittedItems).toBe(250);
    expect(result.feed.items).toHaveLength(MAX_ITEMS_PER_POLL);
    expect(result.feed.items[0]?.guid).toBe('g250');
    expect(result.feed.items.at(-1)?.guid).toBe(`g${MAX_ITEMS_PER_POLL + 249}`);
  });

  it('trims items as text the same way the parsed feed is capped', async () => {
    const shuffled = Array.from({ length: 30 }, (_, i) => (i * 7) % 30); // dates out of order
    const xml = `<rss version="2.0"><channel><title>T</title>${shuffled.map((n) => `<item><guid>g${n}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1, 0, n)).toUTCString()}</pubDate></item>`).join('')}</channel></rss>`;
    const trimmed = trimXmlItems(xml, 10);
    expect(trimmed.omitted).toBe(20);
    const full = await parseFeed(Buffer.from(xml), null);
    const cut = await parseFeed(Buffer.from(trimmed.xml), null);
    if (full.kind !== 'ok' || cut.kind !== 'ok') throw new Error('test: rejected');
    expect(cut.feed.items.map((i) => i.guid)).toEqual(capFeed(full.feed, 10).feed.items.map((i) => i.guid));
    expect(cut.feed.items.map((i) => i.guid).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `g${20 + i}`).sort());
  });

  const rawItem = fc.record({
    guid: fc.constant(''),
    title: fc.option(fc.string({ maxLength: 50 })),
    link: fc.constant(null),
    content: fc.option(fc.string({ maxLength: 30 })),
    summary: fc.constant(null),
    published: fc.option(fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toUTCString())),
    author: fc.constant(null),
    categories: fc.constant([]),
  }) satisfies fc.Arbitrary<RawItem>;

  it('capFeed keeps at most max items, none older than one left out, in document order', () => {
    fc.assert(
      fc.property(fc.array(rawItem, { maxLength: 40 }).map((items) => items.map((item, i) => ({ ...item, guid: `g${i}` }))), fc.integer({ min: 0, max: 40 }), (items, max) => {
        const { feed, omittedItems } = capFeed({ format: 'rss', title: null, link: null, items }, max);
        expect(feed.items.length).toBe(Math.min(items.length, max));
        expect(omittedItems).toBe(items.length - feed.items.length);
        const time = (i: RawItem): number => (i.published === null ? Infinity : Date.parse(i.published));
        const keptIdx = feed.items.map((kept) => items.findIndex((i) => i.guid === kept.guid));
        expect([...keptIdx].sort((a, b) => a - b)).toEqual(keptIdx);
        const left = items.filter((_, idx) => !keptIdx.includes(idx));
        const oldestKept = Math.min(...feed.items.map(time));
        for (const item of left) expect(time(item)).toBeLessThanOrEqual(oldestKept);
      }),
    );
  });

  it('cuts an item text to MAX_RAW_TEXT characters before HTML is read', async () => {
    const xml = `<rss version="2.0"><channel><title>T</title><item><guid>x</guid><description><![CDATA[<p>${'word '.repeat(300_000)}</p>]]></description></item></channel></rss>`;
    const result = await parseFeed(Buffer.from(xml), null);
    expect(result.kind === 'ok' && result.feed.items[0]?.summary?.length).toBe(MAX_RAW_TEXT);
  });
});

describe('wirewatch run --once on a 100,000-item feed', () => {
  let dir: string;
  let server: FeedServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-limits-'));
    server = await startFeedServer();
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores the newest 1,000 and logs how many were left out', { timeout: 120_000 }, async () => {
    const items = Array.from({ length: 100_000 }, (_, i) => `<item><guid>${i}</guid><title>attack ${i}</title></item>`);
    server.route('/big.xml', serveBody(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${items.join('')}</channel></rss>`));
    const config = join(dir, 'w.yaml');
    await writeFile(config, [`database: ${join(dir, 'w.db')}`, 'feeds:', `  - { id: big, url: "${server.url('/big.xml')}" }`, 'rules:', '  - { id: a, query: attack }'].join('\n'));
    const run = await runCli(['--config', config, 'run', '--once'], { cwd: dir });
    expect(run.status).toBe(0);
    const lines = logLines(run.stderr);
    expect(lines.find((l) => l.msg === 'feed has too many items: kept the newest')).toMatchObject({ kept: MAX_ITEMS_PER_POLL, omitted: 100_000 - MAX_ITEMS_PER_POLL });
    expect(lines.find((l) => l.msg === 'feed baselined')).toMatchObject({ items: MAX_ITEMS_PER_POLL });
  });
});
