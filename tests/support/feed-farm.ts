// A loopback farm of many feeds on many hosts (one HTTP server per 127.0.x.y address) for the
// capacity benchmark and the multi-worker test: ETag / Last-Modified, 304 unless the feed changed,
// a set fraction of polls finding a new item, and a record of every poll (gaps, 304s, items served).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedFarmOptions {
  readonly feeds: number;
  readonly hosts: number;
  /** Probability that a poll finds a new item (the feed published since the previous poll). */
  readonly changeFraction: number;
  readonly itemsPerFeed?: number;
  /** Approximate size of one item's description. */
  readonly itemBytes?: number;
  /** Every n-th item (by number) mentions a rocket attack in Kirkuk, for a rule to match; 0: none. */
  readonly matchEvery?: number;
  readonly random?: () => number;
}

export interface FeedFarm {
  /** One URL per feed, index = feed number. */
  readonly urls: readonly string[];
  readonly stats: FarmStats;
  /** Starts or stops publishing (changeFraction applies only while on). */
  publishing(on: boolean): void;
  /** Keys (guids) of every matching item served so far that was published while publishing was on. */
  matchingPublished(): ReadonlySet<string>;
  close(): Promise<void>;
}

export interface FarmStats {
  polls: number;
  notModified: number;
  /** Per feed, when it was last polled (epoch ms; 0: never). */
  readonly lastPoll: Float64Array;
  /** Gap between consecutive polls of one feed, ms (recorded while `recordGaps` is on). */
  readonly gaps: number[];
  recordGaps: boolean;
}

const WORDS = ('government minister council report said new market city police health school court election budget ' +
  'water energy road project local national week year people public service plan statement official').split(' ');

export async function startFeedFarm(options: FeedFarmOptions): Promise<FeedFarm> {
  const itemsPerFeed = options.itemsPerFeed ?? 20;
  const itemBytes = options.itemBytes ?? 1400;
  const matchEvery = options.matchEvery ?? 0;
  const random = options.random ?? Math.random;
  const version = new Int32Array(options.feeds).fill(itemsPerFeed); // items 1..version exist
  const stats: FarmStats = { polls: 0, notModified: 0, lastPoll: new Float64Array(options.feeds), gaps: [], recordGaps: false };
  const matching = new Set<string>();
  let publishing = false;

  const itemXml = (feed: number, n: number): string => {
    const words: string[] = [];
    for (let i = 0, length = 0; length < itemBytes; i++) {
      const word = WORDS[(feed * 7 + n * 13 + i * 31 + ((i * i) % 17)) % WORDS.length] ?? 'news';
      words.push(word);
      length += word.length + 1;
    }
    const matches = matchEvery > 0 && n % matchEvery === 0;
    const title = matches ? `Rocket attack in Kirkuk, report ${feed}-${n}` : `${words.slice(0, 6).join(' ')} ${feed}-${n}`;
    const published = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toUTCString();
    return `<item><title>${title}</title><link>https://farm.example/${feed}/${n}</link><guid isPermaLink="false">f${feed}-${n}</guid>` +
      `<pubDate>${published}</pubDate><description>${matches ? 'A rocket attack in Kirkuk, Iraq. ' : ''}${words.join(' ')}</description></item>`;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const feed = Number(/^\/f\/(\d+)\.xml$/.exec(req.url ?? '')?.[1] ?? Number.NaN);
    if (!Number.isInteger(feed) || feed < 0 || feed >= options.feeds) {
      res.writeHead(404).end();
      return;
    }
    const now = Date.now();
    stats.polls++;
    const previous = stats.lastPoll[feed] ?? 0;
    if (stats.recordGaps && previous > 0) stats.gaps.push(now - previous);
    stats.lastPoll[feed] = now;
    if (publishing && random() < options.changeFraction) {
      const n = (version[feed] ?? 0) + 1;
      version[feed] = n;
      if (matchEvery > 0 && n % matchEvery === 0) matching.add(`f${feed}-${n}`);
    }
    const v = version[feed] ?? 0;
    const etag = `"${feed}-${v}"`;
    const lastModified = new Date(Date.UTC(2026, 0, 1) + v * 60_000).toUTCString();
    if (req.headers['if-none-match'] === etag) {
      stats.notModified++;
      res.writeHead(304, { etag, 'last-modified': lastModified }).end();
      return;
    }
    const items: string[] = [];
    for (let n = v; n > Math.max(0, v - itemsPerFeed); n--) items.push(itemXml(feed, n));
    const body = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Farm feed ${feed}</title><link>https://farm.example/${feed}</link>${items.join('')}</channel></rss>`;
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag, 'last-modified': lastModified, 'content-length': Buffer.byteLength(body) }).end(body);
  };

  const servers: Server[] = [];
  const origins: string[] = [];
  for (let h = 0; h < options.hosts; h++) {
    const address = `127.0.${1 + Math.floor(h / 250)}.${1 + (h % 250)}`;
    const server = createServer({ keepAliveTimeout: 10_000 }, handle);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, address, () => resolve());
    });
    servers.push(server);
    origins.push(`http://${address}:${(server.address() as AddressInfo).port}`);
  }
  return {
    urls: Array.from({ length: options.feeds }, (_, feed) => `${origins[feed % origins.length] ?? ''}/f/${feed}.xml`),
    stats,
    publishing(on) {
      publishing = on;
    },
    matchingPublished: () => matching,
    async close() {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
