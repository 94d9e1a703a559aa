// The subscriber side of WebSub (https://www.w3.org/TR/websub/): asks a hub to push a feed's
// updates to wirewatch (one unguessable callback path and one secret per subscription), answers
// the hub's verification of intent, renews leases before they end, unsubscribes feeds removed
// from the list, and hands every correctly signed content distribution to `onContent`.
// Subscriptions live in the store, so a hub may call any worker and one worker renews each.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Subscription } from '../domain/subscription.ts';
import type { Logger } from '../log/create-logger.ts';
import type { SubscriptionStore } from '../store/websub-queries.ts';
import { metrics } from '../metrics/metrics.ts';
import { checkHubSignature } from './hub-signature.ts';
import { postToHub, type HubRequestOptions } from './hub-request.ts';

export interface WebSubOptions {
  /** The base URL hubs call back (`publicUrl` in the config), without the callback path. */
  readonly publicUrl: string;
  /** Where the callback listener is mounted on the HTTP server. */
  readonly callbackPath: string;
  /** The lease asked for; the hub's answer wins. */
  readonly leaseSeconds: number;
  /** Largest pushed body accepted, in bytes. */
  readonly maxBytes: number;
  readonly subscriptions: SubscriptionStore;
  /** How requests to a feed's hub are made (the feed's SSRF guard, timeouts). */
  readonly hubOptionsFor: (feedId: string) => HubRequestOptions;
  readonly now: () => Date;
  readonly log: Pick<Logger, 'info' | 'warn'>;
  /** Processes a verified push of a feed's content; a throw makes the hub retry (HTTP 500). */
  readonly onContent: (feedId: string, body: Buffer, contentType: string | null) => Promise<void>;
}

export interface WebSubSubscriber {
  /** After a poll found the feed's hub: subscribes unless the feed already has that subscription. */
  ensure(feedId: string, hub: string, topic: string): Promise<void>;
  /** Renews, retries and ends the subscriptions that are due (each by one worker); returns how many. */
  maintain(): Promise<number>;
  /** The callback endpoint: mount it at `callbackPath`. */
  readonly listener: RequestListener;
}

/** A request the hub accepted but never verified is asked again after this. */
const VERIFY_WAIT_MS = 5 * 60_000;
/** A hub that failed or refused is asked again after this. */
const RETRY_AFTER_MS = 60 * 60_000;
const DENIED_RETRY_AFTER_MS = 24 * 60 * 60_000;
/** A claim on a due subscription holds this long (a hub request takes at most HUB_TIMEOUT_MS). */
const CLAIM_MS = 60_000;
const HUB_TIMEOUT_MS = 15_000;
const CLAIMS_PER_PASS = 20;

export function createWebSubSubscriber(options: WebSubOptions): WebSubSubscriber {
  const { subscriptions: store, log } = options;
  const base = `${options.publicUrl.replace(/\/+$/, '')}${options.callbackPath}`;
  const later = (ms: number): Date => new Date(options.now().getTime() + ms);

  const request = (s: Subscription, mode: 'subscribe' | 'unsubscribe'): Promise<string | null> => {
    const form = new URLSearchParams({ 'hub.mode': mode, 'hub.topic': s.topic, 'hub.callback': `${base}/${s.id}` });
    if (mode === 'subscribe') {
      form.set('hub.secret', s.secret);
      form.set('hub.lease_seconds', String(options.leaseSeconds));
    }
    return postToHub(s.hub, form, { ...options.hubOptionsFor(s.feedId), timeoutMs: HUB_TIMEOUT_MS });
  };

  /** Asks for (or renews) a subscription; verification arrives on the callback. */
  const subscribe = async (s: Subscription): Promise<void> => {
    const failure = await request(s, 'subscribe');
    if (failure === null) return;
    log.warn({ feed: s.feedId, hub: s.hub }, `websub: ${failure}`);
    const stillActive = s.state === 'active' && s.expiresAt !== null && s.expiresAt > options.now();
    await store.update(s.id, { state: stillActive ? 'active' : 'failed', lastError: failure, dueAt: later(RETRY_AFTER_MS) }, options.now());
  };

  /** A removed feed: ask the hub to stop; forget the subscription if the hub cannot be asked. */
  const unsubscribe = async (s: Subscription): Promise<void> => {
    await store.update(s.id, { state: 'unsubscribing', dueAt: later(VERIFY_WAIT_MS) }, options.now());
    const failure = await request(s, 'unsubscribe');
    if (failure === null) return;
    log.warn({ feed: s.feedId, hub: s.hub }, `websub: ${failure}; forgetting the subscription (its pushes are refused)`);
    await store.remove(s.id);
  };

  const verify = async (s: Subscription, query: URLSearchParams, res: ServerResponse): Promise<void> => {
    const mode = query.get('hub.mode');
    const now = options.now();
    const topicMatches = query.get('hub.topic') === s.topic;
    if (mode === 'denied' && topicMatches) {
      const reason = query.get('hub.reason');
      await store.update(s.id, { state: 'denied', lastError: `the hub denied the subscription${reason ? `: ${reason}` : ''}`, dueAt: later(DENIED_RETRY_AFTER_MS) }, now);
      log.warn({ feed: s.feedId, hub: s.hub }, 'websub: subscription denied');
      return end(res, 200, '');
    }
    const challenge = query.get('hub.challenge');
    const expected = mode === 'subscribe' ? s.state !== 'unsubscribing' : mode === 'unsubscribe' && s.state === 'unsubscribing';
    if (!expected || !topicMatches || challenge === null) return end(res, 404, 'no such subscription\n');
    if (mode === 'unsubscribe') {
      await store.remove(s.id);
      log.info({ feed: s.feedId, hub: s.hub }, 'websub: unsubscribed');
    } else {
      const asked = Number(query.get('hub.lease_seconds') ?? options.leaseSeconds);
      const lease = Number.isFinite(asked) && asked > 0 ? Math.round(asked) : options.leaseSeconds;
      const expiresAt = new Date(now.getTime() + lease * 1000);
      await store.update(s.id, { state: 'active', leaseSeconds: lease, expiresAt, lastError: null, dueAt: new Date(expiresAt.getTime() - renewalMarginMs(lease)) }, now);
      log.info({ feed: s.feedId, hub: s.hub, leaseSeconds: lease }, 'websub: subscription verified');
    }
    end(res, 200, challenge);
  };

  const distribute = async (s: Subscription, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readLimited(req, options.maxBytes);
    if (body === null) {
      metrics.pushed('too-large');
      return end(res, 413, 'too large\n');
    }
    const signature = checkHubSignature(header(req, 'x-hub-signature'), body, s.secret);
    if (!signature.valid) {
      // Answered 2xx as the specification recommends, so a forger learns nothing; nothing is stored.
      metrics.pushed('bad-signature');
      log.warn({ feed: s.feedId, hub: s.hub }, `websub: push ignored: ${signature.reason}`);
      return end(res, 202, '');
    }
    await options.onContent(s.feedId, body, header(req, 'content-type') ?? null);
    metrics.pushed('accepted');
    end(res, 204, '');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://callback.invalid');
    const id = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
    const s = /^[0-9a-f]{32}$/.test(id) ? await store.byId(id) : null;
    if (req.method === 'GET') return s === null ? end(res, 404, 'no such subscription\n') : verify(s, url.searchParams, res);
    if (req.method !== 'POST') return end(res, 405, 'method not allowed\n');
    if (s === null || s.state === 'unsubscribing') {
      metrics.pushed('unknown-subscription');
      return end(res, 410, 'no such subscription\n'); // 410: the hub stops pushing here
    }
    await distribute(s, req, res);
  };

  const listener: RequestListener = (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (req.method === 'POST') metrics.pushed('failed');
      log.warn({ path: req.url?.split('?', 1)[0] }, `websub: handling a hub request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) end(res, 500, 'processing failed; retry later\n');
    });
  };

  return {
    async ensure(feedId, hub, topic) {
      const existing = await store.ofFeed(feedId);
      if (existing !== null && existing.hub === hub && existing.topic === topic) return; // maintain() renews or retries it
      if (existing !== null) {
        log.info({ feed: feedId, hub }, 'websub: the feed names another hub or topic now; subscribing there');
        await store.remove(existing.id);
      }
      const fresh: Subscription = {
        id: randomBytes(16).toString('hex'),
        feedId,
        hub,
        topic,
        secret: randomBytes(32).toString('hex'),
        state: 'requested',
        leaseSeconds: null,
        expiresAt: null,
        lastError: null,
        dueAt: later(VERIFY_WAIT_MS),
      };
      if (!(await store.insert(fresh, options.now()))) return; // another worker subscribed it first
      log.info({ feed: feedId, hub }, 'websub: subscribing');
      await subscribe(fresh);
    },
    async maintain() {
      const due = await store.claimDue(options.now(), CLAIM_MS, CLAIMS_PER_PASS);
      for (const s of due) {
        if (!s.feedActive) {
          if (s.state === 'unsubscribing') await store.remove(s.id); // the hub never confirmed: forget it
          else await unsubscribe(s);
        } else if (s.state === 'unsubscribing') {
          await store.remove(s.id); // the feed came back: its next poll subscribes afresh
        } else {
          await store.update(s.id, { dueAt: later(VERIFY_WAIT_MS), ...(s.state === 'active' ? {} : { state: 'requested' }) }, options.now());
          await subscribe(s);
        }
      }
      return due.length;
    },
    listener,
  };
}

/** Renew when a tenth of the lease is left, but at least half of it (or an hour) before it ends. */
export function renewalMarginMs(leaseSeconds: number): number {
  return Math.max(leaseSeconds / 10, Math.min(leaseSeconds / 2, 3600)) * 1000;
}

/** Whether pushes are expected now: verified and within its lease. */
export function isHealthy(s: Subscription | null, now: Date): boolean {
  return s !== null && s.state === 'active' && s.expiresAt !== null && s.expiresAt > now;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readLimited(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function end(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}
