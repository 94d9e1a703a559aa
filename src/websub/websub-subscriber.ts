// The subscriber side of WebSub (https://www.w3.org/TR/websub/): asks a hub to push a feed's
// updates to wirewatch (one unguessable callback path and one secret per subscription), answers
// the hub's verification of intent, renews leases before they end, and hands every correctly
// signed content distribution to `onContent`. Subscriptions live in memory in this version.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../log/create-logger.ts';
import { checkHubSignature } from './hub-signature.ts';

export type SubscriptionState = 'requested' | 'active' | 'denied' | 'unsubscribing' | 'failed';

export interface Subscription {
  readonly id: string;
  readonly feedId: string;
  readonly hub: string;
  readonly topic: string;
  readonly state: SubscriptionState;
  /** When the hub's lease ends (verified subscriptions only). */
  readonly expiresAt: Date | null;
  readonly lastError: string | null;
}

export interface WebSubOptions {
  /** The base URL hubs call back (`publicUrl` in the config), without the callback path. */
  readonly publicUrl: string;
  /** Where the callback listener is mounted on the HTTP server. */
  readonly callbackPath: string;
  readonly leaseSeconds: number;
  /** Largest pushed body accepted, in bytes. */
  readonly maxBytes: number;
  readonly now: () => Date;
  readonly log: Pick<Logger, 'info' | 'warn'>;
  /** Processes a verified push of a feed's content; a throw makes the hub retry (HTTP 500). */
  readonly onContent: (feedId: string, body: Buffer, contentType: string | null) => Promise<void>;
}

export interface WebSubSubscriber {
  /** Asks the hub to subscribe; 'requested' until the hub verifies the intent. */
  subscribe(feedId: string, hub: string, topic: string): Promise<Subscription>;
  /** Asks the hub to stop pushing a feed; the subscription ends when the hub verifies it. */
  unsubscribe(feedId: string): Promise<void>;
  /** Renews active subscriptions whose lease ends within a tenth of the lease (at least an hour); returns how many. */
  renewDue(): Promise<number>;
  subscriptions(): readonly Subscription[];
  /** The callback endpoint: mount it at `callbackPath`. */
  readonly listener: RequestListener;
}

type Entry = Subscription & { readonly secret: string; readonly callback: string };

const HUB_TIMEOUT_MS = 15_000;

export function createWebSubSubscriber(options: WebSubOptions): WebSubSubscriber {
  const byId = new Map<string, Entry>();
  const base = `${options.publicUrl.replace(/\/+$/, '')}${options.callbackPath}`;
  const set = (entry: Entry, change: Partial<Entry>): Entry => {
    const next = { ...entry, ...change };
    byId.set(entry.id, next);
    return next;
  };
  const ofFeed = (feedId: string): Entry | undefined => [...byId.values()].find((e) => e.feedId === feedId);

  const request = async (entry: Entry, mode: 'subscribe' | 'unsubscribe'): Promise<string | null> => {
    const form = new URLSearchParams({ 'hub.mode': mode, 'hub.topic': entry.topic, 'hub.callback': entry.callback });
    if (mode === 'subscribe') {
      form.set('hub.secret', entry.secret);
      form.set('hub.lease_seconds', String(options.leaseSeconds));
    }
    try {
      const response = await fetch(entry.hub, { method: 'POST', body: form, signal: AbortSignal.timeout(HUB_TIMEOUT_MS), redirect: 'follow' });
      await response.body?.cancel();
      return response.status === 202 || response.status === 204 ? null : `the hub answered HTTP ${response.status} to ${mode}`;
    } catch (error) {
      return `the hub could not be reached: ${error instanceof Error ? error.message : String(error)}`;
    }
  };

  const subscribeEntry = async (entry: Entry): Promise<Entry> => {
    const failure = await request(entry, 'subscribe');
    if (failure === null) return byId.get(entry.id) ?? entry; // verification may already have run
    options.log.warn({ feed: entry.feedId, hub: entry.hub }, `websub: ${failure}`);
    return set(entry, { state: entry.state === 'active' ? 'active' : 'failed', lastError: failure });
  };

  const verify = (entry: Entry, query: URLSearchParams, res: ServerResponse): void => {
    const mode = query.get('hub.mode');
    const topicMatches = query.get('hub.topic') === entry.topic;
    if (mode === 'denied' && topicMatches) {
      set(entry, { state: 'denied', lastError: `the hub denied the subscription${query.get('hub.reason') ? `: ${query.get('hub.reason')}` : ''}` });
      options.log.warn({ feed: entry.feedId, hub: entry.hub }, 'websub: subscription denied');
      return end(res, 200, '');
    }
    const challenge = query.get('hub.challenge');
    const expected = mode === 'subscribe' ? entry.state !== 'unsubscribing' : mode === 'unsubscribe' && entry.state === 'unsubscribing';
    if (!expected || !topicMatches || challenge === null) return end(res, 404, 'no such subscription\n');
    if (mode === 'unsubscribe') {
      byId.delete(entry.id);
      options.log.info({ feed: entry.feedId, hub: entry.hub }, 'websub: unsubscribed');
    } else {
      const lease = Number(query.get('hub.lease_seconds') ?? options.leaseSeconds);
      const seconds = Number.isFinite(lease) && lease > 0 ? lease : options.leaseSeconds;
      set(entry, { state: 'active', expiresAt: new Date(options.now().getTime() + seconds * 1000), lastError: null });
      options.log.info({ feed: entry.feedId, hub: entry.hub, leaseSeconds: seconds }, 'websub: subscription verified');
    }
    end(res, 200, challenge);
  };

  const distribute = async (entry: Entry, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readLimited(req, options.maxBytes);
    if (body === null) return end(res, 413, 'too large\n');
    const signature = checkHubSignature(header(req, 'x-hub-signature'), body, entry.secret);
    if (!signature.valid) {
      // Answered 2xx as the specification recommends, so a forger learns nothing; nothing is stored.
      options.log.warn({ feed: entry.feedId, hub: entry.hub }, `websub: push ignored: ${signature.reason}`);
      return end(res, 202, '');
    }
    await options.onContent(entry.feedId, body, header(req, 'content-type') ?? null);
    end(res, 204, '');
  };

  const listener: RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://callback.invalid');
    const id = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
    const entry = byId.get(id);
    if (entry === undefined) return end(res, req.method === 'POST' ? 410 : 404, 'no such subscription\n');
    if (req.method === 'GET') return verify(entry, url.searchParams, res);
    if (req.method !== 'POST') return end(res, 405, 'method not allowed\n');
    distribute(entry, req, res).catch((error: unknown) => {
      options.log.warn({ feed: entry.feedId }, `websub: processing a push failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) end(res, 500, 'processing failed; retry later\n');
    });
  };

  return {
    async subscribe(feedId, hub, topic) {
      const existing = ofFeed(feedId);
      if (existing !== undefined && existing.hub === hub && existing.topic === topic && existing.state !== 'failed' && existing.state !== 'denied') return existing;
      if (existing !== undefined) byId.delete(existing.id);
      const id = randomBytes(16).toString('hex');
      const entry: Entry = { id, feedId, hub, topic, state: 'requested', expiresAt: null, lastError: null, secret: randomBytes(32).toString('hex'), callback: `${base}/${id}` };
      byId.set(id, entry);
      return publicView(await subscribeEntry(entry));
    },
    async unsubscribe(feedId) {
      const entry = ofFeed(feedId);
      if (entry === undefined) return;
      const failure = await request(set(entry, { state: 'unsubscribing' }), 'unsubscribe');
      if (failure !== null) {
        options.log.warn({ feed: feedId, hub: entry.hub }, `websub: ${failure}; forgetting the subscription (its pushes are refused)`);
        byId.delete(entry.id);
      }
    },
    async renewDue() {
      const now = options.now().getTime();
      const margin = Math.max(options.leaseSeconds * 100, 3_600_000); // a tenth of the lease, in ms
      const due = [...byId.values()].filter((e) => e.state === 'active' && e.expiresAt !== null && e.expiresAt.getTime() - now <= margin);
      for (const entry of due) await subscribeEntry(entry);
      return due.length;
    },
    subscriptions: () => [...byId.values()].map(publicView),
    listener,
  };
}

function publicView(entry: Entry): Subscription {
  return { id: entry.id, feedId: entry.feedId, hub: entry.hub, topic: entry.topic, state: entry.state, expiresAt: entry.expiresAt, lastError: entry.lastError };
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
