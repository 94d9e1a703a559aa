// Stopping the real worker (SIGTERM, as Ctrl-C or a supervisor does) while a fetch stalls: the fetch
// is aborted, the process exits long before the fetch's 30 s timeout, and nothing is recorded
// about the interrupted poll (the feed is not marked failing).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { serveBody, stallResponse, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { runCli } from '../support/run-cli.ts';
import { spawnWorker, waitFor, type WorkerProcess } from '../support/spawn-worker.ts';
import { rss } from '../e2e/delivery-harness.ts';

let server: FeedServer;
let dir: string;
let worker: WorkerProcess | null = null;

beforeEach(async () => {
  server = await startFeedServer();
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-stop-'));
});
afterEach(async () => {
  worker?.kill();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

it.each(['SIGTERM', 'SIGINT'] as const)('%s during a stalled fetch exits within 5 s and records nothing half-done', { timeout: 90_000 }, async (signal) => {
  server.route('/ok.xml', serveBody(rss([{ guid: 'a', title: 'Attack report' }])));
  server.route('/stall.xml', stallResponse('body'));
  const config = join(dir, 'w.yaml');
  await writeFile(
    config,
    [`database: ${join(dir, 'w.db')}`, 'fetch: { timeout: 30s }', 'feeds:', `  - { id: ok, url: "${server.url('/ok.xml')}" }`, `  - { id: stall, url: "${server.url('/stall.xml')}" }`, 'rules:', '  - { id: a, query: attack }'].join('\n'),
  );
  worker = spawnWorker(['--config', config, 'run'], { cwd: dir });
  const w = worker;
  await waitFor('the stalled fetch in flight and the other feed done', () => server.requestsTo('/stall.xml').length > 0 && w.stderr().includes('feed baselined'), 60_000);
  const stoppedAt = Date.now();
  w.child.kill(signal);
  const exit = await Promise.race([w.exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running after 10 s'), 10_000))]);
  expect(exit).toBe(0);
  expect(Date.now() - stoppedAt).toBeLessThan(10_000); // against a 30 s fetch timeout; the README promises 5 s
  const feeds = await runCli(['--config', config, 'feeds', '--json'], { cwd: dir });
  const stall = feeds.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; consecutiveFailures: number; lastError: string | null }).find((f) => f.id === 'stall');
  expect(stall).toMatchObject({ consecutiveFailures: 0, lastError: null });
});
