// WebSub push through the real `wirewatch run`, a loopback hub and the feed server, on SQLite and
// on Postgres: the hub found in the feed is subscribed (topic = the feed's rel="self"), verified,
// a signed push becomes an alert within the worker's delivery loop, a push with a bad signature is
// refused and stores nothing, the short lease is renewed, and a feed removed from the config is
// unsubscribed (SQLite). /metrics counts subscriptions by state and pushes by outcome.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { freePort } from '../support/free-port.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { spawnWorker, stopWorker, waitFor, type WorkerProcess } from '../support/spawn-worker.ts';
import { startLoopbackHub, type LoopbackHub } from '../support/websub-hub.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres-database.ts';
import { POSTGRES_SKIP_REASON, POSTGRES_URL } from '../store/dialects.ts';

const SELF = 'https://wire.example/feed.atom';

let feeds: FeedServer;
let hub: LoopbackHub;
let dir: string;
let workers: WorkerProcess[] = [];

beforeEach(async () => {
  feeds = await startFeedServer();
  hub = await startLoopbackHub({ leaseSeconds: 4 });
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-websub-'));
});
afterEach(async () => {
  for (const worker of workers) worker.kill();
  workers = [];
  await hub.close();
  await feeds.close();
  await rm(dir, { recursive: true, force: true });
});

function atom(entries: readonly { id: string; title: string }[]): string {
  const items = entries.map((e) => `<entry><id>${e.id}</id><title>${e.title}</title><link href="https://wire.example/${e.id}"/><updated>${new Date().toISOString()}</updated><summary>${e.title}</summary></entry>`);
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><link rel="hub" href="${hub.url}"/><link rel="self" href="${SELF}"/>${items.join('')}</feed>`;
}

async function writeConfig(database: string, port: number, withFeed: boolean): Promise<string> {
  const file = join(dir, 'wirewatch.yaml');
  await writeFile(
    file,
    [
      `database: "${database}"`,
      `http: { host: 127.0.0.1, port: ${port} }`,
      `publicUrl: "http://127.0.0.1:${port}"`,
      'feeds:',
      ...(withFeed ? [`  - { id: wire, url: "${feeds.url('/feed.atom')}", interval: 30s }`] : [`  - { id: other, url: "${feeds.url('/other.xml')}", interval: 30s }`]),
      'rules:',
      "  - { id: quake, query: 'earthquake' }",
      'destinations:',
      '  - { name: console, type: console }',
    ].join('\n'),
  );
  return file;
}

function start(config: string): WorkerProcess {
  const worker = spawnWorker(['--config', config, 'run'], { cwd: dir });
  workers.push(worker);
  return worker;
}

async function metricsText(port: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
}

async function runScenario(database: string, options: { removeFeed: boolean }): Promise<void> {
  feeds.route('/feed.atom', serveBody(atom([{ id: 'old', title: 'Earthquake last week' }]), { contentType: 'application/atom+xml' }));
  feeds.route('/other.xml', serveBody(atom([]), { contentType: 'application/atom+xml' }));
  const port = await freePort();
  const worker = start(await writeConfig(database, port, true));

  // The first poll baselines the feed and subscribes to its hub; the hub verifies the intent.
  expect(await hub.verified(1)).toEqual([true]);
  const [request] = hub.requests;
  expect(request).toMatchObject({ mode: 'subscribe', topic: SELF, leaseSeconds: 864_000 });
  expect(request?.callback).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/websub/[0-9a-f]{32}$`));
  expect(request?.secret).toMatch(/^[0-9a-f]{64}$/);

  // A signed push is processed like a poll: new item, rule match, alert on the console.
  expect(await hub.publish(SELF, atom([{ id: 'p1', title: 'Earthquake strikes the harbour' }]))).toEqual([204]);
await waitFor('the pushed alert', () => worker.stdout().includes('Earthquake strikes the harbour'), 15_000);

  // A forged push is acknowledged (202) and nothing of it is stored or sent.
  expect(await hub.publish(SELF, atom([{ id: 'forged', title: 'Earthquake forged report' }]), { secret: 'not-the-secret' })).toEqual([202]);
  expect(await hub.publish(SELF, atom([{ id: 'p2', title: 'Earthquake aftershock felt' }]), { algorithm: 'sha1' })).toEqual([204]);
  await waitFor('the second pushed alert', () => worker.stdout().includes('Earthquake aftershock felt'), 15_000);
  expect(worker.stdout()).not.toContain('forged');

  // The 4 s lease is renewed before it ends, under the same callback and secret.
  expect(await hub.verified(2)).toEqual([true, true]);
  expect(hub.requests[1]).toMatchObject({ mode: 'subscribe', callback: request?.callback, secret: request?.secret });

  const metrics = await metricsText(port);
  expect(metrics).toMatch(/^wirewatch_websub_subscriptions\{state="active"\} 1$/m);
  expect(metrics).toMatch(/^wirewatch_websub_pushes_total\{outcome="accepted"\} 2$/m);
  expect(metrics).toMatch(/^wirewatch_websub_pushes_total\{outcome="bad-signature"\} 1$/m);
  expect(await stopWorker(worker)).toBe(0);
  if (!options.removeFeed) return;

  const store = await openStore({ url: database });
  try {
    expect([...(await store.knownItemKeys('wire', ['guid:old', 'guid:p1', 'guid:p2', 'guid:forged']))].sort()).toEqual(['guid:old', 'guid:p1', 'guid:p2']);
  } finally {
    await store.close();
  }

  // The feed leaves the config: the next worker asks the hub to unsubscribe, and the hub verifies.
  const second = start(await writeConfig(database, port, false));
  const verifiedBefore = hub.requests.length;
await waitFor('the unsubscribe request', () => hub.requests.slice(verifiedBefore).some((r) => r.mode === 'unsubscribe'), 40_000);
  expect(hub.requests.at(-1)).toMatchObject({ mode: 'unsubscribe', topic: SELF, callback: request?.callback });
  let after = await metricsText(port);
  for (let i = 0; i < 100 && !/^wirewatch_websub_subscriptions\{state="unsubscribing"\} 0$/m.test(after); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    after = await metricsText(port);
  }
  expect(after).toMatch(/^wirewatch_websub_subscriptions\{state="active"\} 0$/m);
  expect(after).toMatch(/^wirewatch_websub_subscriptions\{state="unsubscribing"\} 0$/m);
  // Its callback is gone: a late push is answered 410 and stores nothing.
  const late = await fetch(request?.callback ?? '', { method: 'POST', body: atom([{ id: 'late', title: 'Earthquake late' }]) });
  expect(late.status).toBe(410);
  expect(await stopWorker(second)).toBe(0);
}

it('SQLite: subscribe, verify, push to alert, bad signature refused (nothing stored), lease renewed, unsubscribed when the feed is removed', async () => {
  await runScenario(join(dir, 'db.sqlite'), { removeFeed: true });
}, 120_000);

if (POSTGRES_URL === null) {
  describe.skip(POSTGRES_SKIP_REASON, () => {
    it('Postgres: the same scenario', () => undefined);
  });
}

describe.runIf(POSTGRES_URL !== null)('Postgres', () => {
  let database: TestDatabase | null = null;
  afterEach(async () => {
    for (const worker of workers) worker.kill(); // before the database goes
    await database?.drop();
    database = null;
  }, 60_000);
  // One worker start fewer than on SQLite (the removal runs the same store code on both dialects): the suite stays short.
  it('subscribe, verify, push to alert, bad signature refused, lease renewed', async () => {
    database = await createTestDatabase(POSTGRES_URL ?? '');
    await runScenario(database.url, { removeFeed: false });
  }, 120_000);
});
