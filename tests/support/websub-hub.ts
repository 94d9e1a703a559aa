// A WebSub hub on loopback (https://www.w3.org/TR/websub/#hub): takes subscription requests
// (202), verifies each subscriber's intent with a challenge, and distributes content signed
// with the subscriber's secret (or with a wrong one, on request).
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HubRequest {
  readonly mode: string;
  readonly topic: string;
  readonly callback: string;
  readonly secret: string | null;
  readonly leaseSeconds: number | null;
}

export interface LoopbackHub {
  readonly url: string;
  /** Subscription requests received, oldest first. */
  readonly requests: readonly HubRequest[];
  /** Resolves when the hub has verified `count` intents (answers to its challenges), each with whether it was confirmed. */
  verified(count: number): Promise<boolean[]>;
  /** Sends `body` to every verified subscriber of `topic`; returns their HTTP statuses. */
  publish(topic: string, body: string, options?: { algorithm?: 'sha1' | 'sha256' | 'sha512'; secret?: string; signature?: string | null }): Promise<number[]>;
  /** Tells a subscriber that its subscription was refused. */
  deny(request: HubRequest, reason: string): Promise<number>;
  /** Answers further subscription requests with this status instead of 202. */
  answerWith(status: number): void;
  close(): Promise<void>;
}

export async function startLoopbackHub(options: { leaseSeconds?: number } = {}): Promise<LoopbackHub> {
  const requests: HubRequest[] = [];
  const subscribers = new Map<string, HubRequest>(); // by callback
  const verifications: boolean[] = [];
  const waiters: (() => void)[] = [];
  let status = 202;

  const verify = async (request: HubRequest): Promise<void> => {
    const challenge = randomBytes(8).toString('hex');
    const url = new URL(request.callback);
    url.searchParams.set('hub.mode', request.mode);
    url.searchParams.set('hub.topic', request.topic);
    url.searchParams.set('hub.challenge', challenge);
    if (request.mode === 'subscribe') url.searchParams.set('hub.lease_seconds', String(options.leaseSeconds ?? request.leaseSeconds ?? 86_400));
    const response = await fetch(url);
    const confirmed = response.status >= 200 && response.status < 300 && (await response.text()) === challenge;
    if (confirmed && request.mode === 'subscribe') subscribers.set(request.callback, request);
    if (confirmed && request.mode === 'unsubscribe') subscribers.delete(request.callback);
    verifications.push(confirmed);
    for (const wake of waiters.splice(0)) wake();
  };

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      const request: HubRequest = {
        mode: form.get('hub.mode') ?? '',
        topic: form.get('hub.topic') ?? '',
        callback: form.get('hub.callback') ?? '',
        secret: form.get('hub.secret'),
        leaseSeconds: form.has('hub.lease_seconds') ? Number(form.get('hub.lease_seconds')) : null,
      };
      requests.push(request);
      res.writeHead(status).end();
      if (status === 202) setImmediate(() => void verify(request).catch(() => verifications.push(false)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`;

  return {
    url,
    requests,
    async verified(count) {
      while (verifications.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return verifications.slice(0, count);
    },
    async publish(topic, body, opts = {}) {
      const targets = [...subscribers.values()].filter((s) => s.topic === topic);
      return Promise.all(
        targets.map(async (s) => {
          const algorithm = opts.algorithm ?? 'sha256';
          const signature = opts.signature !== undefined ? opts.signature : `${algorithm}=${createHmac(algorithm, opts.secret ?? s.secret ?? '').update(body).digest('hex')}`;
          const headers: Record<string, string> = { 'content-type': 'application/atom+xml' };
          if (signature !== null) headers['x-hub-signature'] = signature;
          return (await fetch(s.callback, { method: 'POST', headers, body })).status;
        }),
      );
    },
    async deny(request, reason) {
      const target = new URL(request.callback);
      target.searchParams.set('hub.mode', 'denied');
      target.searchParams.set('hub.topic', request.topic);
      target.searchParams.set('hub.reason', reason);
      return (await fetch(target)).status;
    },
    answerWith(next) {
      status = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
