// Delivery latency: a loopback feed publishes items at random times, the worker polls it
// every second (runForever, real clock) and posts to the Discord and Slack emulators with their
// real rate limits. Prints publish → post latency (p50/p90/p99) next to the poll floor measured in
// the same run (publish → the first response carrying the item), then the throughput of a burst
// against the emulators' limits. Writes bench/RESULTS.md "## Delivery latency".
//   npm run bench:latency [-- --items 40 --burst 20]
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, platform, release } from 'node:os';
import { handleWith, startFeedServer } from '../tests/support/feed-server.ts';
import { startDiscordEmulator } from '../tests/support/discord-emulator.ts';
import { startSlackEmulator } from '../tests/support/slack-emulator.ts';
import { openTestWorker, rss, type RssItem } from '../tests/e2e/delivery-harness.ts';
import { runForever } from '../src/worker/run-worker.ts';

const DCH = '100000000000000001';
const SCH = 'C0ALERTS';
const RESULTS = new URL('./RESULTS.md', import.meta.url);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const itemCount = arg('items', 40);
  const burstCount = arg('burst', 20);
  const feeds = await startFeedServer();
  const discord = await startDiscordEmulator({ channels: [DCH] }); // Discord's 5 messages / 5 s per channel, 50 req/s per bot
  const slack = await startSlackEmulator({ channels: [SCH] }); // chat.postMessage ~1/s per channel, bursts of 3

  // The feed: every item published so far, newest first; remembers when each item was first served.
  const published: { item: RssItem; at: number }[] = [];
  const firstServed = new Map<string, number>();
  feeds.route('/wire.xml', handleWith((_req, res) => {
    const now = Date.now();
    const items = published.slice(-60).reverse();
    for (const { item } of items) if (!firstServed.has(item.guid)) firstServed.set(item.guid, now);
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(rss(items.map((p) => p.item)));
  }));

  const clock = Object.assign(() => new Date(), { advance: () => undefined });
  const worker = await openTestWorker(
    ['feeds:', `  - { id: wire, url: "${feeds.url('/wire.xml')}", interval: 1 }`, 'rules:', '  - { id: attacks, query: attack }'].join('\n'),
    { DISCORD_TOKEN: discord.token, DISCORD_CHANNEL_ID: DCH, WIREWATCH_DISCORD_API: discord.apiUrl, SLACK_BOT_TOKEN: slack.token, SLACK_CHANNEL: SCH, WIREWATCH_SLACK_API: slack.apiUrl },
    clock,
  );
  const stop = new AbortController();
  const running = runForever({ ...worker.deps, random: Math.random, tickMs: 100 }, stop.signal);
  await sleep(2_000); // the first poll baselines the (empty) feed

  const publish = (guid: string, title: string): void => {
    published.push({ item: { guid, title, published: new Date() }, at: Date.now() });
  };

  // When each post reached an emulator, observed every 10 ms (Slack's ts has whole seconds only).
  const seen = { discord: new Map<string, number>(), slack: new Map<string, number>() };
  const watcher = setInterval(() => {
    const now = Date.now();
    for (const m of discord.messages(DCH)) {
      const title = String((m.embeds[0] as { title?: string } | undefined)?.title);
      if (!seen.discord.has(title)) seen.discord.set(title, now);
    }
    for (const m of slack.messages(SCH)) {
      const title = /Attack report (?:[LB]\d{3}|warm-up)/.exec(m.text)?.[0] ?? m.text;
      if (!seen.slack.has(title)) seen.slack.set(title, now);
    }
  }, 10);
  const received = () => seen;
  const waitAll = async (titles: readonly string[], timeoutMs: number): Promise<void> => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const r = received();
      if (titles.every((t) => r.discord.has(t) && r.slack.has(t))) return;
      await sleep(50);
    }
  };

  // Warm-up, not measured: the first alert loads the gazetteer and opens the clients' connections.
  publish('warm-up', 'Attack report warm-up');
  await waitAll(['Attack report warm-up'], 30_000);
  published.length = 0;
  published.push({ item: { guid: 'warm-up', title: 'Attack report warm-up', published: new Date() }, at: Date.now() });

  // Phase 1: items at random times, 0.3-2.7 s apart (about one every 1.5 s: under both channels' 1/s).
  process.stderr.write(`latency: publishing ${itemCount} items at random times…\n`);
  const titles: string[] = [];
  for (let i = 0; i < itemCount; i += 1) {
    await sleep(300 + Math.random() * 2_400);
    const title = `Attack report L${String(i).padStart(3, '0')}`;
    titles.push(title);
    publish(`l${i}`, title);
  }
  await waitAll(titles, 30_000);
  const r1 = received();
  const publishedAt = new Map(published.map((p) => [p.item.title, p.at]));
  const latencies = (site: 'discord' | 'slack'): number[] =>
    titles
      .map((t) => {
        const at = r1[site].get(t);
        return at === undefined ? Number.NaN : at - (publishedAt.get(t) ?? 0);
      })
      .sort((a, b) => a - b);
  const floor = published.filter((p) => p.item.guid !== 'warm-up').map((p) => (firstServed.get(p.item.guid) ?? Number.NaN) - p.at).sort((a, b) => a - b);
  const d = latencies('discord');
  const s = latencies('slack');
  if (process.env.LATENCY_DEBUG) {
    // One line per item: when the feed first served it, and when each emulator had the post.
    for (const { item, at } of published) {
      process.stderr.write(`${item.title}: served +${(firstServed.get(item.guid) ?? at) - at} ms, discord +${(r1.discord.get(item.title) ?? at) - at} ms, slack +${(r1.slack.get(item.title) ?? at) - at} ms\n`);
    }
  }
  const missing = { discord: d.filter(Number.isNaN).length, slack: s.filter(Number.isNaN).length };

  // Phase 2: a burst all at once; the sustained rate is the channel's limit, not the worker.
  process.stderr.write(`latency: burst of ${burstCount} items…\n`);
  const burstTitles = Array.from({ length: burstCount }, (_, i) => `Attack report B${String(i).padStart(3, '0')}`);
  const burstStart = Date.now();
  burstTitles.forEach((title, i) => publish(`b${i}`, title));
  await waitAll(burstTitles, 120_000);
  const r2 = received();
  const lastAt = (m: Map<string, number>): number => Math.max(...burstTitles.map((t) => m.get(t) ?? Number.POSITIVE_INFINITY));
  const discordBurst = lastAt(r2.discord) - burstStart;
  const slackBurst = lastAt(r2.slack) - burstStart;
  clearInterval(watcher);
  const counts = await worker.store.outboxCounts();

  stop.abort();
  await running;
  await worker.close();
  await Promise.all([feeds.close(), discord.close(), slack.close()]);

  const rows = [
    ['poll floor: publish → first response carrying the item (baseline)', floor],
    ['publish → Discord emulator has the post', d],
    ['publish → Slack emulator has the post', s],
  ] as const;
  const table = [
    '| path | p50 | p90 | p99 | max |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(([name, v]) => `| ${name} | ${fmt(quantile(v, 0.5))} | ${fmt(quantile(v, 0.9))} | ${fmt(quantile(v, 0.99))} | ${fmt(quantile(v, 1))} |`),
  ];
  // Discord: 5 per 5 s per channel, so n messages need (n - 5) / 1 s after the first window; Slack ~1/s after a burst of 3.
  const discordFloor = Math.max(0, burstCount - 5) * 1000;
  const slackFloor = Math.max(0, burstCount - 3) * 1000;
  const burst = [
    '| burst | messages | all delivered after | rate | channel limit | time the limit needs |',
    '|---|---:|---:|---:|---:|---:|',
    `| Discord | ${burstCount} | ${fmt(discordBurst)} | ${(burstCount / (discordBurst / 1000)).toFixed(2)}/s | 5 per 5 s | ≥ ${fmt(discordFloor)} |`,
    `| Slack | ${burstCount} | ${fmt(slackBurst)} | ${(burstCount / (slackBurst / 1000)).toFixed(2)}/s | 1/s, bursts of 3 | ≥ ${fmt(slackFloor)} |`,
  ];
  const ok = quantile(d, 0.5) <= 1500 && quantile(d, 0.99) <= 3000 && quantile(s, 0.5) <= 1500 && quantile(s, 0.99) <= 3000;
  const cpu = cpus();
  const section = [
    '## Delivery latency',
    '',
    `Run ${new Date().toISOString()} on ${platform()} ${release()}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, Node ${process.version}.`,
    'Command: `npm run bench:latency` (`node --import tsx bench/latency-bench.ts`). Worker: runForever, feed interval 1 s,',
    `tick 100 ms; loopback feed server; Discord and Slack emulators with the platforms' limits. ${itemCount} items published`,
    '0.3-2.7 s apart at random, then a burst; each goes to both Discord and Slack. One warm-up alert first, not measured',
    '(the first alert after start also loads the gazetteer and opens connections: about 2 s more).',
    '',
    ...table,
    '',
    `Targets p50 ≤ 1.5 s, p99 ≤ 3 s: ${ok ? 'met' : 'NOT met'}. Not delivered within 30 s: Discord ${missing.discord}, Slack ${missing.slack}. Outbox at the end: ${JSON.stringify(counts)}.`,
    '',
    ...burst,
    '',
  ].join('\n');
  process.stdout.write(`${section}\n`);
  await writeSection(section);
}

/** Replaces (or appends) this benchmark's section of bench/RESULTS.md, leaving the others alone. */
async function writeSection(section: string): Promise<void> {
  const current = await readFile(RESULTS, 'utf8').catch(() => '# Benchmark results\n');
  const start = current.indexOf('## Delivery latency');
  if (start < 0) {
    await writeFile(RESULTS, `${current.trimEnd()}\n\n${section}`);
    return;
  }
  const next = current.indexOf('\n## ', start + 1);
  await writeFile(RESULTS, `${current.slice(0, start)}${section}${next < 0 ? '' : current.slice(next + 1)}`);
}

await main();
