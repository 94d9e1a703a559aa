// WebSub through a loopback hub, wirewatch's own HTTP server and a real SQLite store: subscribe and
// verify, pushes with good and bad signatures, lease renewal, denial, and unsubscribing a removed feed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServer } from '../../src/http/http-server.ts';
import { renderMetrics } from '../../src/metrics/metrics.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import type { Subscription } from '../../src/domain/subscription.ts';
import { createWebSubSubscriber, type WebSubSubscriber } from '../../src/websub/websub-subscriber.ts';
import { startLoopbackHub, type LoopbackHub } from '../support/websub-hub.ts';

const TOPIC = 'https://wire.example/feed.atom';
const ATOM = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><entry><id>1</id><title>Pushed</title></entry></feed>';
const FEED = { id: 'wire', url: TOPIC, title: null, backfill: 0, intervalSeconds: 60 };
const log = pino({ level: 'silent' });

let hub: LoopbackHub;
let http: HttpServer;
let store: Store;
let dir: string;
let subscriber: WebSubSubscriber;
let pushed: { feedId: string; body: string; contentType: string | null }[];
let now: Date;

beforeEach(async () => {
  hub = await startLoopbackHub();
  http = await startHttpServer({ host: '127.0.0.1', port: 0, readiness: async () => ({ ready: true }), metrics: renderMetrics, log });
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-websub-'));
  store = await openStore({ url: join(dir, 'wirewatch.db') });
  await store.migrate();
  now = new Date('2026-12-01T12:00:00Z');
  await store.syncFeeds([FEED], now);
  pushed = [];
  subscriber = createWebSubSubscriber({
    publicUrl: `http://127.0.0.1:${http.port}/`,
    callbackPath: '/websub',
    leaseSeconds: 86_400,
    maxBytes: 1024 * 1024,
    subscriptions: store.subscriptions,
    hubOptionsFor: () => ({ userAgent: 'wirewatch-test', timeoutMs: 5000 }),
    now: () => now,
    log,
    onContent: async (feedId, body, contentType) => void pushed.push({ feedId, body: body.toString('utf8'), contentType }),
  });
  http.mount('/websub', subscriber.listener);
});
afterEach(async () => {
  await hub.close();
  await http.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function current(): Promise<Subscription | null> {
  return store.subscriptions.ofFeed('wire');
}

async function subscribed(): Promise<void> {
  await subscriber.ensure('wire', hub.url, TOPIC);
  expect(await hub.verified(1)).toEqual([true]);
}

describe('subscribing', () => {
  it('sends the topic, a callback of its own, a secret and a lease; the verified subscription is active', async () => {
    await subscriber.ensure('wire', hub.url, TOPIC);
    expect(await hub.verified(1)).toEqual([true]);
    const [request] = hub.requests;
    expect(request).toMatchObject({ mode: 'subscribe', topic: TOPIC, leaseSeconds: 86_400 });
    expect(request?.callback).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${http.port}/websub/[0-9a-f]{32}$`));
    expect(request?.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(await current()).toEqual({
      id: expect.any(String),
      feedId: 'wire',
      hub: hub.url,
      topic: TOPIC,
      secret: request?.secret,
      state: 'active',
      leaseSeconds: 86_400,
      expiresAt: new Date('2026-12-02T12:00:00Z'),
      lastError: null,
      dueAt: new Date('2026-12-02T09:36:00Z'), // renewed when a tenth of the lease is left
    });
  });

  it('asks once: a feed already subscribed to the same hub and topic sends nothing more', async () => {
    await subscribed();
    await subscriber.ensure('wire', hub.url, TOPIC);
    expect(hub.requests).toHaveLength(1);
  });

  it('a hub that refuses the request leaves the subscription failed, with the reason', async () => {
    hub.answerWith(500);
    await subscriber.ensure('wire', hub.url, TOPIC);
    expect(await current()).toMatchObject({ state: 'failed', lastError: 'the hub answered HTTP 500 to subscribe', dueAt: new Date('2026-12-01T13:00:00Z') });
  });

  it('a denial from the hub is recorded with its reason', async () => {
    await subscribed();
    const [request] = hub.requests;
    if (request === undefined) throw new Error('test: no request');
    expect(await hub.deny(request, 'topic not allowed')).toBe(200);
    expect(await current()).toMatchObject({ state: 'denied', lastError: 'the hub denied the subscription: topic not allowed' });
  });

  it('a verification for another topic, or an unknown callback, is refused', async () => {
    await subscribed();
    const callback = new URL(hub.requests[0]?.callback ?? '');
    const wrongTopic = new URL(callback);
    wrongTopic.search = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': 'https://evil.example/', 'hub.challenge': 'x' }).toString();
    expect((await fetch(wrongTopic)).status).toBe(404);
    const unknown = new URL(`/websub/${'0'.repeat(32)}?hub.mode=subscribe&hub.topic=${encodeURIComponent(TOPIC)}&hub.challenge=x`, callback);
    expect((await fetch(unknown)).status).toBe(404);
  });
});

describe('content distribution', () => {
  it.each(['sha1', 'sha256', 'sha512'] as const)('a push signed with %s is processed', async (algorithm) => {
    await subscribed();
    expect(await hub.publish(TOPIC, ATOM, { algorithm })).toEqual([204]);
    expect(pushed).toEqual([{ feedId: 'wire', body: ATOM, contentType: 'application/atom+xml' }]);
  });

  it.each([
    { case: 'signed with another secret', options: { secret: 'not-the-secret' } },
    { case: 'unsigned', options: { signature: null } },
    { case: 'with an unknown method', options: { signature: 'md5=00' } },
    { case: 'with a signature that is not hex', options: { signature: 'sha256=zz' } },
  ])('a push $case is acknowledged and ignored', async ({ options }) => {
    await subscribed();
    expect(await hub.publish(TOPIC, ATOM, options)).toEqual([202]);
    expect(pushed).toEqual([]);
  });
});

describe('leases and unsubscribing', () => {
  it('renews a lease that is about to end, and not before', async () => {
    await subscribed();
    expect(await subscriber.maintain()).toBe(0);
    now = new Date('2026-12-02T11:30:00Z'); // half an hour left of a day's lease
    expect(await subscriber.maintain()).toBe(1);
    expect(await hub.verified(2)).toEqual([true, true]);
    expect(hub.requests.map((r) => r.mode)).toEqual(['subscribe', 'subscribe']);
    expect(hub.requests[1]?.secret).toBe(hub.requests[0]?.secret);
    expect(await current()).toMatchObject({ state: 'active', expiresAt: new Date('2026-12-03T11:30:00Z') });
  });

  it('unsubscribes when the feed leaves the list: the hub verifies, and later pushes are answered 410 Gone', async () => {
    await subscribed();
    await store.syncFeeds([], now);
    expect(await subscriber.maintain()).toBe(1);
    expect(await hub.verified(2)).toEqual([true, true]);
    expect(hub.requests.map((r) => r.mode)).toEqual(['subscribe', 'unsubscribe']);
    expect(await current()).toBeNull();
    const gone = await fetch(hub.requests[0]?.callback ?? '', { method: 'POST', body: ATOM });
    expect(gone.status).toBe(410);
    expect(pushed).toEqual([]);
  });
});
