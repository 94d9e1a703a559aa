// Adaptive polling with the real worker (`node bin/wirewatch.js run`, SQLite, console output) on a
// loopback farm of feeds whose items appear at random (Poisson) at mean gaps from `--fastest` to
// `--slowest` seconds: the simulation's "every two minutes to weekly", time compressed so that a
// run takes minutes.
// Run 1 is adaptive (`minInterval`/`maxInterval` around `--interval`); run 2 polls every feed at
// the fixed interval that spends the same polls as run 1 did, over the same publications. Prints,
// per run: polls per hour, publish → first poll serving the item, and publish → alert printed.
// Writes bench/RESULTS.md "## Adaptive polling (real worker)".
//   npm run build && npm run bench:adaptive-worker [-- --feeds 24 --minutes 7 --interval 20 --seed 1]
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handleWith, startFeedServer, type FeedServer } from '../tests/support/feed-server.ts';
import { distinctHeadlines, headline } from './distinct-headlines.ts';
import { createRandom } from './rules/bench-corpus.ts';
import { writeResultsSection } from './write-results-section.ts';

const BIN = fileURLToPath(new URL('../bin/wirewatch.js', import.meta.url));

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;

interface Publication {
  readonly feed: number;
  /** Seconds after the run's start. */
  readonly at: number;
  readonly tag: string;
  readonly title: string;
}

interface Settings {
  readonly feeds: number;
  readonly seconds: number;
  readonly publications: readonly Publication[];
}

interface RunOutcome {
  readonly label: string;
  /** Polls in the publication window (after each feed's first poll), per hour over all feeds. */
  readonly pollsPerHour: number;
  readonly polls: number;
  /** Publish → first response carrying the item (s), sorted. */
  readonly served: number[];
  /** Publish → the alert printed by the worker (s), sorted. */
  readonly alerted: number[];
  readonly published: number;
}

/** Each feed's publications over the span: mean gaps spaced evenly on a log scale from fastest to slowest. */
function plan(feeds: number, seconds: number, fastest: number, slowest: number, seed: number): Publication[] {
  const random = createRandom(seed);
  const out: { feed: number; at: number }[] = [];
  for (let feed = 0; feed < feeds; feed++) {
    const meanGap = fastest * (slowest / fastest) ** (feeds === 1 ? 0 : feed / (feeds - 1));
    for (let t = -Math.log(1 - random()) * meanGap; t < seconds; t += -Math.log(1 - random()) * meanGap) out.push({ feed, at: t });
  }
  out.sort((a, b) => a.at - b.at);
  if (out.length > distinctHeadlines()) throw new Error(`bench: ${out.length} publications, more than the ${distinctHeadlines()} distinct headlines; shorten the run`);
  return out.map((p, n) => ({ ...p, tag: `item-${n}`, title: headline(n, `item-${n}`) }));
}

function rss(feed: number, items: readonly { tag: string; title: string; at: Date }[]): string {
  const entries = items.map((i) => `<item><guid>${i.tag}</guid><title>${i.title}</title><link>https://wire.example/${feed}/${i.tag}</link><pubDate>${i.at.toUTCString()}</pubDate><description>${i.title}.</description></item>`);
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Farm feed ${feed}</title>${entries.join('')}</channel></rss>`;
}

/** Serves each feed's items so far with an ETag (304 when unchanged); records polls and first serving. */
function serveFarm(server: FeedServer, feeds: number, start: number) {
  const items = Array.from({ length: feeds }, (_, feed) => [{ tag: `old-${feed}`, title: `Archive note ${feed}`, at: new Date(start - 86_400_000) }]);
  const polls = Array.from({ length: feeds }, () => [] as number[]);
  const firstServed = new Map<string, number>();
  for (let feed = 0; feed < feeds; feed++) {
    server.route(`/feed-${feed}.xml`, handleWith((req: IncomingMessage, res: ServerResponse) => {
      const now = performance.now();
      polls[feed]?.push(now);
      const list = items[feed] ?? [];
      const etag = `"${list.length}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      for (const item of list) if (!firstServed.has(item.tag)) firstServed.set(item.tag, now);
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(rss(feed, list.slice(-20).reverse()));
    }));
  }
  return { items, polls, firstServed };
}

async function runOnce(label: string, intervalLines: readonly string[], settings: Settings): Promise<RunOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'wirewatch-bench-adaptive-'));
  const server = await startFeedServer();
  const start = performance.now();
  const farm = serveFarm(server, settings.feeds, Date.now());
  const config = join(dir, 'wirewatch.yaml');
  const feedLines = Array.from({ length: settings.feeds }, (_, feed) => `  - { id: f${feed}, url: "${server.url(`/feed-${feed}.xml`)}" }`);
  await writeFile(config, ['database: db.sqlite', ...intervalLines, 'rules:', "  - { id: attacks, query: 'attack' }", 'destinations:', '  - { name: out, type: console }', 'feeds:', ...feedLines].join('\n'));
  const child = spawn(process.execPath, [BIN, 'run', '--config', config], { cwd: dir, env: { ...process.env, WIREWATCH_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const alertedAt = new Map<string, number>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const now = performance.now();
    for (const [tag] of chunk.matchAll(/\bitem-\d+\b/g)) if (!alertedAt.has(tag)) alertedAt.set(tag, now);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    // The clock starts once every feed had its first poll (the baseline, which never alerts).
    while (farm.polls.some((p) => p.length === 0)) await sleep(100);
    const t0 = performance.now();
    const publishedAt = new Map<string, number>();
    for (const p of settings.publications) {
      await sleep(t0 + p.at * 1000 - performance.now());
      farm.items[p.feed]?.push({ tag: p.tag, title: p.title, at: new Date() });
      publishedAt.set(p.tag, performance.now());
    }
    await sleep(t0 + settings.seconds * 1000 - performance.now());
    const polls = farm.polls.reduce((sum, p) => sum + p.filter((at) => at >= t0).length, 0);
    const pollsPerHour = (polls * 3600) / settings.seconds;
    // Then until every item was served and alerted (at most ten minutes).
    const until = performance.now() + 600_000;
    while (performance.now() < until && settings.publications.some((p) => !alertedAt.has(p.tag))) await sleep(200);
    const since = (seen: Map<string, number>): number[] =>
      settings.publications.filter((p) => seen.has(p.tag)).map((p) => ((seen.get(p.tag) ?? 0) - (publishedAt.get(p.tag) ?? 0)) / 1000).sort((a, b) => a - b);
    process.stderr.write(`adaptive-worker: ${label}: ${polls} polls, ${alertedAt.size}/${settings.publications.length} alerted (${((performance.now() - start) / 1000).toFixed(0)} s)\n`);
    return { label, polls, pollsPerHour, served: since(farm.firstServed), alerted: since(alertedAt), published: settings.publications.length };
  } finally {
    child.kill('SIGTERM');
    await exited;
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function row(r: RunOutcome): string {
  const s = (v: number): string => `${v.toFixed(1)} s`;
  return `| ${r.label} | ${Math.round(r.pollsPerHour).toLocaleString('en')} | ${s(quantile(r.served, 0.5))} | ${s(quantile(r.served, 0.9))} | ${s(quantile(r.alerted, 0.5))} | ${s(quantile(r.alerted, 0.9))} | ${r.alerted.length} / ${r.published} |`;
}

async function main(): Promise<void> {
  const feeds = arg('feeds', 24);
  const seconds = arg('minutes', 7) * 60;
  // The simulation's farm (`npm run bench:adaptive`) scaled down: there, interval 5 min, bounds
  // 1 min and 4 h, feeds changing every 2 minutes to weekly; here by default 15 times faster.
  const interval = arg('interval', 20);
  const fastest = arg('fastest', interval * 0.4);
  const slowest = arg('slowest', interval * 2016);
  const min = arg('min', Math.max(1, Math.round(interval / 5)));
  const max = arg('max', interval * 48);
  const settings: Settings = { feeds, seconds, publications: plan(feeds, seconds, fastest, slowest, arg('seed', 1)) };
  process.stderr.write(`adaptive-worker: ${feeds} feeds, ${settings.publications.length} items over ${seconds} s; two runs of the real worker…\n`);

  const adaptive = await runOnce(`adaptive (${interval} s, min ${min} s, max ${max} s)`, [`interval: ${interval}s`, `minInterval: ${min}s`, `maxInterval: ${max}s`], settings);
  // The fixed interval that spends the polls the adaptive run spent.
  const fixedSeconds = Math.max(1, Math.round((feeds * seconds) / Math.max(1, adaptive.polls)));
  const fixed = await runOnce(`fixed ${fixedSeconds} s (same polls)`, [`interval: ${fixedSeconds}s`], settings);

  const load = loadavg().map((l) => l.toFixed(1)).join(' / ');
  const lines = [
    `Run ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} cores (load average ${load}), \`npm run bench:adaptive-worker -- --feeds ${feeds} --minutes ${seconds / 60} --interval ${interval}\`.`,
    `The real worker (\`node bin/wirewatch.js run\`, SQLite, console output) polls ${feeds} loopback feeds (ETag, 304 when unchanged) whose`,
    `items appear at random with mean gaps from ${fastest} s to ${slowest} s (time compressed: every 2 minutes to weekly would take days);`,
    `${settings.publications.length} items in ${seconds / 60} minutes, the same ones in both runs. "Served" is publish → the first response carrying the item,`,
    '"alerted" is publish → the alert printed by the worker. The fixed run polls at the interval that spends the polls the adaptive run spent.',
    '',
    '| run | polls per hour | served p50 | served p90 | alerted p50 | alerted p90 | alerted |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row(adaptive),
    row(fixed),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!process.argv.includes('--no-write')) await writeResultsSection('Adaptive polling (real worker)', lines.join('\n'));
}

await main();
