// A full disk under the real worker on SQLite, staged with max_page_count on the worker's own
// connection (the file may not grow; no real disk is filled): the poll fails saying "disk full"
// (not "cannot rollback"), nothing is half-written, and once space returns the write-ahead log is
// checkpointed and truncated and the next poll stores the items.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { openApp, type OpenApp } from '../../src/app/open-app.ts';
import { runForever } from '../../src/worker/run-worker.ts';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { waitFor } from '../support/spawn-worker.ts';
import { rss } from '../e2e/delivery-harness.ts';

let server: FeedServer;
let dir: string;
let worker: OpenApp | null = null;

beforeEach(async () => {
  server = await startFeedServer();
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-disk-full-'));
});
afterEach(async () => {
  await worker?.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

it('says "disk full", keeps nothing half-written, and checkpoints the WAL once space returns', { timeout: 120_000 }, async () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ guid: `g${i}`, title: `Attack report ${i}`, body: `Attack report ${i}. ${'More words about the attack. '.repeat(40)}` }));
  server.route('/wire.xml', serveBody(rss(items(2))));
  const logs: { level: number; msg: string }[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => void (logs.push(JSON.parse(chunk.toString()) as { level: number; msg: string }), done()) });
  // A crashed poll is retried once its lease lapses: a short lease keeps the test short.
  const loaded = parseConfig([`database: ${join(dir, 'w.db')}`, 'fetch: { timeout: 1s, lease: 2s }', 'feeds:', `  - { id: wire, url: "${server.url('/wire.xml')}", interval: 1s }`, 'rules:', '  - { id: a, query: zebrafalcon }'].join('\n'), join(dir, 'w.yaml'), readEnv({}));
  if (loaded.kind !== 'ok') throw new Error(loaded.message);
  worker = await openApp(loaded.config, readEnv({}), pino({ level: 'info' }, sink));
  const w = worker;
  const db = w.database.dialect.db;
  const stop = new AbortController();
  const running = runForever({ ...w.deps, tickMs: 50 } as typeof w.deps, stop.signal);
  try {
    await waitFor('the baseline', () => logs.some((l) => l.msg === 'feed baselined'), 30_000);
    const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]?.page_count ?? 0;
    await sql.raw(`pragma max_page_count = ${pages}`).execute(db); // the database file may not grow
    server.route('/wire.xml', serveBody(rss(items(300))));
    await waitFor('a poll failing for lack of space', () => logs.some((l) => /disk full/.test(l.msg)), 30_000);
    expect(logs.filter((l) => /cannot rollback/.test(JSON.stringify(l)))).toEqual([]);
    const stored = async () => Number((await sql<{ n: number }>`select count(*) as n from items`.execute(db)).rows[0]?.n ?? 0);
    expect(await stored()).toBe(2); // all or nothing: none of the new items
    await sql.raw('pragma max_page_count = 1073741823').execute(db); // space is back
    await waitFor('the WAL checkpointed', () => logs.some((l) => l.msg.startsWith('disk space available again')), 30_000);
    const until = Date.now() + 30_000;
    while ((await stored()) < 300 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await stored()).toBe(300);
    const fullAt = logs.findIndex((l) => /disk full/.test(l.msg));
    const backAt = logs.findIndex((l) => l.msg.startsWith('disk space available again'));
    expect(backAt).toBeGreaterThan(fullAt);
  } finally {
    stop.abort();
    await running;
  }
});
