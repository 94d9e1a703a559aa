// A WebSub content distribution, already authenticated by its signature, through the same
// pipeline as a poll (ingest-document.ts): new items only, stories, alerts and outbox in one
// transaction. The feed's validators and poll schedule are left alone; its change history learns.
import type { FeedSource } from '../domain/feed.ts';
import { observeChanges } from './poll-interval.ts';
import { ingestDocument, type IngestDeps } from './ingest-document.ts';

export interface PushDeps extends IngestDeps {
  /** The live feed list's entry (title, backfill); a feed this worker has not loaded yet is read from the store. */
  readonly feedById: (id: string) => FeedSource | undefined;
  /** Asks the delivery loop for a pass now. */
  readonly deliverSoon: () => void;
  readonly now: () => Date;
}

export type PushOutcome = { kind: 'stored'; newItems: number; alerts: number } | { kind: 'rejected'; reason: string };

/** Throws only when the store fails (the hub then retries the push). */
export async function receivePush(feedId: string, body: Buffer, contentType: string | null, deps: PushDeps): Promise<PushOutcome> {
  const state = await deps.store.feedState(feedId);
  if (state === null) return { kind: 'rejected', reason: `no feed "${feedId}" in the store` };
  const feed = deps.feedById(feedId) ?? { id: feedId, url: state.url, title: null, backfill: 0, intervalSeconds: 1 };
  const at = deps.now();
  const history = { changeIntervalMs: state.changeIntervalMs, lastChangeAt: state.lastChangeAt };
  const ingested = await ingestDocument(feed, state, { body, contentType, finalUrl: state.url }, at, deps, ({ title, newItems, baseline }) => ({
    source: 'push',
    at,
    etag: null,
    lastModified: null,
    nextAttemptAt: at,
    title,
    schedule: observeChanges(history, newItems, at, baseline),
  }));
  if (ingested.kind === 'rejected') {
    deps.log.warn({ feed: feedId }, `websub: pushed document refused: ${ingested.reason}`);
    return ingested;
  }
  deps.log.info({ feed: feedId, items: ingested.items, new: ingested.newItems, alerts: ingested.alerts }, 'feed pushed');
  if (ingested.alerts > 0) deps.deliverSoon();
  return { kind: 'stored', newItems: ingested.newItems, alerts: ingested.alerts };
}
