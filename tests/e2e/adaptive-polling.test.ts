// Adaptive polling through the real `wirewatch run` and `wirewatch feeds --json`: a feed that
// changes at every poll is polled more often than one that never changes, each within its bounds,
// and the update rate learnt is kept in the store across a restart.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { handleWith, serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { logLines, runCli } from '../support/run-cli.ts';
import { spawnWorker, stopWorker, waitFor, type WorkerProcess } from '../support/spawn-worker.ts';
import { rss } from './delivery-harness.ts';

let feeds: FeedServer;
let dir: string;
let workers: WorkerProcess[] = [];

beforeEach(async () => {
  feeds = await startFeedServer();
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-adaptive-'));
});
afterEach(async () => {
  for (const worker of workers) worker.kill();
  workers = [];
  await feeds.close();
  await rm(dir, { recursive: true, force: true });
});

interface FeedLine {
  readonly id: string;
  readonly interval: number | null;
  readonly intervalReason: string | null;
  readonly changesEvery: number | null;
}

async function feedLines(config: string): Promise<Map<string, FeedLine>> {
  const run = await runCli(['--config', config, 'feeds', '--json'], { cwd: dir });
  expect(run.status).toBe(0);
  const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as FeedLine);
  return new Map(lines.map((line) => [line.id, line]));
}

function start(config: string): WorkerProcess {
  const worker = spawnWorker(['--config', config, 'run'], { cwd: dir });
  workers.push(worker);
  return worker;
}

it('polls a busy feed at its lower bound and a still one ever less often, and keeps what it learnt across a restart', async () => {
  // Six new items at every request: a change about every third of a second.
  let served = 0;
  feeds.route(
    '/busy.xml',
    handleWith((_req, res) => {
      const items = Array.from({ length: 6 }, (_, i) => ({ guid: `b${served}-${i}`, title: `Busy item ${served}.${i}` }));
      served += 1;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(items));
    }),
  );
  feeds.route('/still.xml', serveBody(rss([{ guid: 's1', title: 'Still item' }])));
  const config = join(dir, 'wirewatch.yaml');
  await writeFile(
    config,
    [
      'database: db.sqlite',
      'interval: 2s',
      'minInterval: 1s',
      'maxInterval: 10s',
      'feeds:',
      `  - { id: busy, url: "${feeds.url('/busy.xml')}" }`,
      `  - { id: still, url: "${feeds.url('/still.xml')}" }`,
      `  - { id: fixed, url: "${feeds.url('/still.xml?fixed')}", interval: 3s, minInterval: 3s, maxInterval: 3s }`,
      'destinations:',
      '  - { name: console, type: console }',
    ].join('\n'),
  );
  const worker = start(config);
  await waitFor('five polls of the busy feed', () => feeds.requestsTo('/busy.xml').length >= 5, 60_000);
  expect(await stopWorker(worker)).toBe(0);
  const busyPolls = feeds.requestsTo('/busy.xml').length;
  const stillPolls = feeds.requests.filter((r) => r.path === '/still.xml').length;
  expect(busyPolls).toBeGreaterThan(stillPolls);

  const learnt = await feedLines(config);
  expect(learnt.get('busy')).toMatchObject({ interval: 1, intervalReason: 'adaptive' }); // wants less than a second: held at minInterval
  expect(learnt.get('busy')?.changesEvery).toBeLessThanOrEqual(1); // six items a poll, polls a second or two apart
  const still = learnt.get('still');
  expect(still?.intervalReason).toBe('adaptive');
  expect(still?.interval).toBeGreaterThanOrEqual(2);
  expect(still?.interval).toBeLessThanOrEqual(10);
  expect(learnt.get('fixed')).toMatchObject({ interval: 3, intervalReason: 'adaptive' });

  // A new worker goes on from the stored rate: the busy feed's next poll plans one second again
  // (a worker that had forgotten would start over from the configured two).
  const again = start(config);
  const refreshed = (): Record<string, unknown>[] => logLines(again.stderr()).filter((l) => l['feed'] === 'busy' && l['msg'] === 'feed refreshed');
  await waitFor('a poll of the busy feed after the restart', () => refreshed().length > 0, 40_000);
  expect(refreshed()[0]).toMatchObject({ nextPollIn: 1, why: 'adaptive' });
  expect(await stopWorker(again)).toBe(0);
}, 120_000);
