// The worker's HTTP server through the real `wirewatch run`: /healthz, /readyz once a poll has
// completed, /metrics counting that poll, its item, match and alert; a port in use is one line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { runCli, waitForLog } from '../support/run-cli.ts';
import { rss } from './delivery-harness.ts';

const BIN = fileURLToPath(new URL('../../bin/wirewatch.js', import.meta.url));

let feeds: FeedServer;
let dir: string;
let child: ChildProcess | null = null;

beforeEach(async () => {
  feeds = await startFeedServer();
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-http-'));
});
afterEach(async () => {
  if (child !== null && child.exitCode === null) child.kill('SIGKILL');
  await feeds.close();
  await rm(dir, { recursive: true, force: true });
});

async function writeConfig(port: number): Promise<string> {
  const file = join(dir, 'wirewatch.yaml');
  await writeFile(
    file,
    [
      'database: db.sqlite',
      'http: { host: 127.0.0.1, port: ' + String(port) + ' }',
      'feeds:',
      `  - { id: wire, url: "${feeds.url('/feed.xml')}", interval: 1s, backfill: 5 }`,
      'rules:',
      "  - { id: quake, query: 'earthquake' }",
      'destinations:',
      '  - { name: console, type: console }',
    ].join('\n'),
  );
  return file;
}

it('answers /healthz, /readyz and /metrics while the worker runs', async () => {
  feeds.route('/feed.xml', serveBody(rss([{ guid: 'a', title: 'Earthquake shakes the coast' }, { guid: 'b', title: 'Markets close higher' }])));
  const config = await writeConfig(0);
  const worker = spawn(process.execPath, [BIN, '--config', config, 'run'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', WIREWATCH_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child = worker;
  const port = Number((await waitForLog(worker, (l) => String(l.msg).startsWith('http: listening'))).port);
  const base = `http://127.0.0.1:${port}`;
  const get = async (path: string, init?: RequestInit) => {
    const res = await fetch(base + path, init);
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
  };

  expect(await get('/healthz')).toMatchObject({ status: 200, text: 'ok\n' });
  let ready = await get('/readyz');
  for (let i = 0; i < 200 && ready.status !== 200; i++) {
    expect(ready).toMatchObject({ status: 503, text: 'not ready: no feed poll has completed yet\n' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    ready = await get('/readyz');
  }
  expect(ready).toMatchObject({ status: 200, text: 'ready\n' });

  // The alert is delivered right after the poll that stored it; wait for it to be counted.
  let metrics = await get('/metrics');
  for (let i = 0; i < 200 && !metrics.text.includes('outcome="sent"'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    metrics = await get('/metrics');
  }
  expect(metrics.type).toContain('text/plain');
  expect(metrics.text).toMatch(/^wirewatch_polls_total\{result="updated"\} [1-9]/m);
  expect(metrics.text).toMatch(/^wirewatch_fetch_duration_seconds_count\{result="ok"\} [1-9]/m);
  expect(metrics.text).toMatch(/^wirewatch_items_stored_total 2$/m);
  expect(metrics.text).toMatch(/^wirewatch_rule_matches_total\{rule="quake"\} 1$/m);
  expect(metrics.text).toMatch(/^wirewatch_alerts_total\{destination="console",outcome="sent"\} 1$/m);
  expect(metrics.text).toMatch(/^wirewatch_outbox_pending\{destination="console"\} 0$/m);
  expect(metrics.text).toMatch(/^wirewatch_outbox_oldest_pending_age_seconds\{destination="console"\} 0$/m);
  expect(metrics.text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  expect(metrics.text).toMatch(/^process_resident_memory_bytes /m);

  expect(await get('/nothing-here')).toMatchObject({ status: 404 });
  expect(await get('/metrics', { method: 'POST' })).toMatchObject({ status: 405 });
  expect(await get('/healthz?probe=1')).toMatchObject({ status: 200 });

  const exited = new Promise<number | null>((resolve) => worker.on('exit', (code) => resolve(code)));
  worker.kill('SIGTERM');
  expect(await exited).toBe(0);
  await expect(fetch(`${base}/healthz`)).rejects.toThrow();
});

it('a port already in use stops the worker with one line and status 2', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = blocker.address() as AddressInfo;
    feeds.route('/feed.xml', serveBody(rss([])));
    const result = await runCli(['--config', await writeConfig(port), 'run'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`wirewatch: http: cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});
