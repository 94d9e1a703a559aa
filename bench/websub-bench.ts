// WebSub push latency: the real worker (`node bin/wirewatch.js run`) subscribed through a loopback
// hub; each push carries one new matching item and the time is taken from the hub's push to the
// chat post arriving at a Slack incoming-webhook receiver on loopback. Beside it, in the same run,
// the same worker polling a feed without a hub (interval 5 s): publish → post. Pushes are spaced
// more than a second apart, Slack's pace for one webhook. Writes bench/RESULTS.md "## WebSub push latency".
//   npm run build && npm run bench:websub [-- --pushes 30 --polled 10]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../tests/support/free-port.ts';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleWith, startFeedServer } from '../tests/support/feed-server.ts';
import { spawnWorker } from '../tests/support/spawn-worker.ts';
import { startLoopbackHub } from '../tests/support/websub-hub.ts';
import { sampleProcess } from './capacity-process.ts';
import { headline } from './distinct-headlines.ts';
import { writeResultsSection } from './write-results-section.ts';

const SELF = 'https://wire.example/pushed.atom';
const POLL_INTERVAL_SECONDS = 5;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (value: number): string => `${Math.round(value)} ms`;

function atom(hub: string | null, entries: readonly { id: string; title: string }[]): string {
  const head = hub === null ? '' : `<link rel="hub" href="${hub}"/><link rel="self" href="${SELF}"/>`;
  const items = entries.map((e) => `<entry><id>${e.id}</id><title>${e.title}</title><link href="https://wire.example/${e.id}"/><updated>${new Date().toISOString()}</updated><summary>${e.title}</summary></entry>`);
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>${head}${items.join('')}</feed>`;
}

/** A Slack incoming webhook on loopback: when each post arrived, by the item tag in its text. */
async function startReceiver(): Promise<{ url: string; arrived: Map<string, number>; close(): Promise<void> }> {
  const arrived = new Map<string, number>();
  const server = createHttpServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const at = performance.now();
      for (const [, tag] of body.matchAll(/\b(item-[a-z]+-\d+)\b/g)) if (tag !== undefined && !arrived.has(tag)) arrived.set(tag, at);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, arrived, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) return false;
    await sleep(10);
  }
  return true;
}

async function main(): Promise<void> {
  const pushes = arg('pushes', 30);
  const polledItems = arg('polled', 10);
  const dir = await mkdtemp(join(tmpdir(), 'wirewatch-bench-websub-'));
  const feeds = await startFeedServer();
  const hub = await startLoopbackHub();
  const receiver = await startReceiver();
  const polled: { id: string; title: string }[] = [];
  feeds.route('/pushed.atom', handleWith((_req, res) => res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom(hub.url, []))));
  feeds.route('/polled.atom', handleWith((_req, res) => res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom(null, polled.slice(-20)))));
  const port = await freePort();
  const config = join(dir, 'wirewatch.yaml');
  await writeFile(
    config,
    [
      'database: db.sqlite',
      `http: { host: 127.0.0.1, port: ${port} }`,
      `publicUrl: "http://127.0.0.1:${port}"`,
      'feeds:',
      `  - { id: pushed, url: "${feeds.url('/pushed.atom')}", interval: 1h }`,
      `  - { id: polled, url: "${feeds.url('/polled.atom')}", interval: ${POLL_INTERVAL_SECONDS}s }`,
      'rules:',
      "  - { id: attacks, query: 'attack' }",
      'destinations:',
      '  - { name: team, type: slack-webhook }',
    ].join('\n'),
  );
  const worker = spawnWorker(['--config', config, 'run'], { cwd: dir, env: { SLACK_WEBHOOK_URL: receiver.url, WIREWATCH_LOG_LEVEL: 'warn' } });
  const cpu = sampleProcess(worker.child.pid ?? 0);
  try {
    if (!(await Promise.race([hub.verified(1).then(() => true), sleep(30_000).then(() => false)]))) throw new Error(`bench: no subscription within 30 s\n${worker.stderr()}`);
    await sleep(500);

    // Pushes: one new item each, spaced 1.2–2 s apart.
    const cpuBefore = cpu.cpuMs();
    const pushLatencies: number[] = [];
    for (let n = 0; n < pushes; n++) {
      const tag = `item-push-${n}`;
      const sent = performance.now();
      const statuses = await hub.publish(SELF, atom(hub.url, [{ id: tag, title: headline(n, tag) }]));
      if (statuses[0] !== 204) throw new Error(`bench: the push was answered ${statuses.join(', ')}`);
      if (await waitFor(() => receiver.arrived.has(tag), 5000)) pushLatencies.push((receiver.arrived.get(tag) ?? 0) - sent);
      await sleep(1200 + Math.random() * 800);
    }
    const pushCpuMs = cpu.cpuMs() - cpuBefore;

    // Polling: items published at random moments, picked up by the 5 s poll.
    const pollLatencies: number[] = [];
    const publishedAt = new Map<string, number>();
    for (let n = 0; n < polledItems; n++) {
      await sleep(1500 + Math.random() * POLL_INTERVAL_SECONDS * 1000);
      const tag = `item-poll-${n}`;
      polled.push({ id: tag, title: headline(pushes + n, tag) });
      publishedAt.set(tag, performance.now());
    }
    await waitFor(() => [...publishedAt.keys()].every((tag) => receiver.arrived.has(tag)), 3 * POLL_INTERVAL_SECONDS * 1000);
    for (const [tag, at] of publishedAt) if (receiver.arrived.has(tag)) pollLatencies.push((receiver.arrived.get(tag) ?? 0) - at);

    const push = [...pushLatencies].sort((a, b) => a - b);
    const poll = [...pollLatencies].sort((a, b) => a - b);
    const load = loadavg().map((l) => l.toFixed(1)).join(' / ');
    const lines = [
      `Run ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} cores (load average ${load}: other work shares the machine), \`npm run bench:websub\`.`,
      'The real worker (`node bin/wirewatch.js run`, SQLite) with a loopback hub, feed server and Slack incoming-webhook receiver;',
      'latency is from the hub starting its push (or the item appearing in the polled feed) to the post reaching the receiver.',
      '',
      '| path | items delivered | p50 | p90 | p99 | max |',
      '| --- | --- | --- | --- | --- | --- |',
      `| WebSub push | ${push.length} / ${pushes} | ${ms(quantile(push, 0.5))} | ${ms(quantile(push, 0.9))} | ${ms(quantile(push, 0.99))} | ${ms(push.at(-1) ?? Number.NaN)} |`,
      `| polling every ${POLL_INTERVAL_SECONDS} s | ${poll.length} / ${polledItems} | ${ms(quantile(poll, 0.5))} | ${ms(quantile(poll, 0.9))} | ${ms(quantile(poll, 0.99))} | ${ms(poll.at(-1) ?? Number.NaN)} |`,
      '',
      `Worker CPU time while handling the ${pushes} pushes: ${ms(pushCpuMs)} (${ms(pushCpuMs / Math.max(1, pushes))} per push, all work of the process in that span included).`,
      `Targets: push p50 ≤ 500 ms, p99 ≤ 1000 ms. Polling waits half an interval on average (here ${POLL_INTERVAL_SECONDS} s; the default interval is 2 min).`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (!process.argv.includes('--no-write')) await writeResultsSection('WebSub push latency', lines.join('\n'));
  } finally {
    worker.child.kill('SIGTERM');
    await worker.exited;
    await Promise.all([hub.close(), feeds.close(), receiver.close()]);
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
