// Composition of WebSub push (README "Push (WebSub)"): the store-backed subscriber, the hooks the
// polling loop calls (hub discovery on each fetched document, the slower poll while pushes arrive)
// and the push handler that runs pushed documents through the poll's pipeline.
import type { FeedSource } from '../domain/feed.ts';
import type { WebSubSettings } from '../config/load-config.ts';
import type { FetchOptions, FetchResult } from '../feeds/fetch/fetch-types.ts';
import type { Logger } from '../log/create-logger.ts';
import type { Store } from '../store/store.ts';
import { measureSubscriptionsWith } from '../metrics/metrics.ts';
import { findHubLinks } from '../websub/hub-links.ts';
import { createWebSubSubscriber, isHealthy, type WebSubSubscriber } from '../websub/websub-subscriber.ts';
import type { IngestDeps } from '../worker/ingest-document.ts';
import { receivePush } from '../worker/receive-push.ts';

export interface WebSubHooks {
  readonly subscriber: WebSubSubscriber;
  readonly callbackPath: string;
  /** RefreshDeps.onDocument: subscribes a feed whose document names a hub. */
  onDocument(feed: FeedSource, fetched: Extract<FetchResult, { kind: 'ok' }>): void;
  /** RefreshDeps.pushedIntervalSeconds: the safety interval (within the lease) while pushes arrive. */
  pushedIntervalSeconds(feedId: string): Promise<number | null>;
}

export interface WebSubDeps extends IngestDeps {
  readonly store: Store;
  readonly feedById: (id: string) => FeedSource | undefined;
  readonly fetchOptionsFor: (feed: FeedSource) => FetchOptions;
  readonly deliverSoon: () => void;
  /** Largest pushed document accepted (the fetch size cap). */
  readonly maxBytes: number;
  readonly now: () => Date;
  readonly log: Logger;
}

/** Bytes of a document searched for `<link rel="hub">` (it sits in the feed's head). */
const HUB_SEARCH_BYTES = 64 * 1024;

export function openWebSub(settings: WebSubSettings, deps: WebSubDeps): WebSubHooks {
  const { store, log } = deps;
  const hubOptionsFor = (feedId: string): FetchOptions => deps.fetchOptionsFor(deps.feedById(feedId) ?? { id: feedId, url: '', title: null, backfill: 0, intervalSeconds: 1 });
  const subscriber = createWebSubSubscriber({
    publicUrl: settings.publicUrl,
    callbackPath: settings.callbackPath,
    leaseSeconds: settings.leaseSeconds,
    maxBytes: deps.maxBytes,
    subscriptions: store.subscriptions,
    hubOptionsFor: (feedId) => {
      const { userAgent, lookup, allowUrl } = hubOptionsFor(feedId);
      return { userAgent, timeoutMs: 15_000, ...(lookup ? { lookup } : {}), ...(allowUrl ? { allowUrl } : {}) };
    },
    now: deps.now,
    log,
    onContent: async (feedId, body, contentType) => void (await receivePush(feedId, body, contentType, deps)),
  });
  measureSubscriptionsWith(() => store.subscriptions.countByState());
  return {
    subscriber,
    callbackPath: settings.callbackPath,
    onDocument(feed, fetched) {
      if (!/^https?:/i.test(feed.url)) return;
      const links = findHubLinks(fetched.linkHeader ?? null, fetched.body.toString('utf8', 0, HUB_SEARCH_BYTES), fetched.finalUrl);
      const [hub] = links.hubs;
      if (hub === undefined) return;
      // hub.topic: the feed's rel="self" when it gives one, else the URL it is polled at.
      const topic = links.topic === fetched.finalUrl ? feed.url : links.topic;
      subscriber.ensure(feed.id, hub, topic).catch((error: unknown) => log.warn({ feed: feed.id, err: error }, 'websub: could not subscribe'));
    },
    async pushedIntervalSeconds(feedId) {
      const subscription = await store.subscriptions.ofFeed(feedId);
      if (subscription === null || !isHealthy(subscription, deps.now())) return null;
      return Math.min(settings.safetyIntervalSeconds, subscription.leaseSeconds ?? settings.safetyIntervalSeconds);
    },
  };
}

/** Renews, retries and ends due subscriptions every `everyMs` until `signal` aborts. */
export async function keepSubscriptions(subscriber: WebSubSubscriber, signal: AbortSignal, everyMs: number, log: Logger): Promise<void> {
  while (!signal.aborted) {
    await subscriber.maintain().catch((error: unknown) => log.warn({ err: error }, 'websub: maintaining subscriptions failed; trying again shortly'));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, everyMs);
      signal.addEventListener('abort', done, { once: true });
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
    });
  }
}
