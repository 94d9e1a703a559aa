// One leader among workers sharing a store: the leader runs the work, a clean stop hands over at
// once, a lapsed lease (a dead or cut-off leader) is taken over, and a leader that lost its lease stops.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { holdLeadership } from '../../src/worker/hold-leadership.ts';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-leader-'));
  store = await openStore({ url: join(dir, 'w.db') });
  await store.migrate();
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const log = pino({ level: 'silent' });
const TIMING = { ttlMs: 400, renewEveryMs: 50 };

function worker(owner: string, leading: Set<string>): { stop: AbortController; done: Promise<void> } {
  const stop = new AbortController();
  const start = async (): Promise<() => Promise<void>> => {
    leading.add(owner);
    return async () => void leading.delete(owner);
  };
  return { stop, done: holdLeadership('chat', start, { store, owner, now: () => new Date(), log, ...TIMING }, stop.signal) };
}

it('runs the work in exactly one worker, and hands it over when that one stops', async () => {
  const leading = new Set<string>();
  const a = worker('a', leading);
  await until(() => leading.size === 1);
  const b = worker('b', leading);
  const c = worker('c', leading);
  await sleep(300);
  expect([...leading]).toEqual(['a']);
  a.stop.abort();
  await a.done;
  await until(() => leading.size === 1);
  expect(['b', 'c']).toContain([...leading][0]);
  b.stop.abort();
  c.stop.abort();
  await Promise.all([b.done, c.done]);
  expect(leading.size).toBe(0);
});

it('takes over a lease nobody renews once it lapses; the old holder stops its work when it finds the lease gone', async () => {
  await store.acquireLease('chat', 'dead', new Date(), TIMING.ttlMs);
  const leading = new Set<string>();
  const started = Date.now();
  const b = worker('b', leading);
  await until(() => leading.has('b'));
  expect(Date.now() - started).toBeGreaterThanOrEqual(TIMING.ttlMs - 50);
  // Someone else holds it now (b was cut off from renewing for longer than the lease): b steps down.
  await store.releaseLease('chat', 'b');
  await store.acquireLease('chat', 'usurper', new Date(), 60_000);
  await until(() => !leading.has('b'));
  b.stop.abort();
  await b.done;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(10);
  }
}
