// Refreshes one feed, top to bottom like the pipeline in docs/architecture.md: fetch
// (conditional), then the document's new items through ingest-document.ts (parse, normalise, new
// items, rules, facts, stories, one transaction), and the next poll planned from the outcome and
// the feed's update rate (poll-interval.ts). A failing feed records its own error and never throws.
import type { FeedSource } from '../domain/feed.ts';
import { redactUrl, redactUrlsIn } from '../log/redact-url.ts';
import { fetchFeed } from '../feeds/fetch/fetch-feed.ts';
import type { FetchOptions, FetchResult } from '../feeds/fetch/fetch-types.ts';
import type { HostLimiter } from './host-limiter.ts';
import { observeChanges, planNextPoll, type ChangeHistory, type IntervalBounds } from './poll-interval.ts';
import type { FeedState, ScheduleUpdate } from '../store/store.ts';
import { metrics } from '../metrics/metrics.ts';
import { hostOf, ingestDocument, type IngestDeps } from './ingest-document.ts';

export interface RefreshDeps extends IngestDeps {
  readonly hostLimiter: HostLimiter;
  /** Fetch limits for one feed (feeds added from chat get the SSRF guard). */
  readonly fetchOptionsFor: (feed: FeedSource) => FetchOptions;
  /** The feed's adaptive bounds (config defaults for feeds without their own); default: the feed's own fields. */
  readonly intervalBoundsFor?: (feed: FeedSource) => IntervalBounds;
  /** While a WebSub subscription pushes the feed: the slower interval to poll it at, else null. */
  readonly pushedIntervalSeconds?: (feedId: string) => Promise<number | null>;
  /** Sees every fetched document (WebSub discovery of its hub); must not throw or block. */
  readonly onDocument?: (feed: FeedSource, fetched: Extract<FetchResult, { kind: 'ok' }>) => void;
  readonly now: () => Date;
  readonly random: () => number;
}

export type RefreshOutcome =
  | { kind: 'updated'; items: number; newItems: number; alerts: number; baseline: boolean }
  | { kind: 'not-modified' }
  | { kind: 'failed'; reason: string };

/** `claimed`: the feed's state as the scheduler's claim returned it (saves a read: a 304 poll is then one statement). */
export async function refreshFeed(feed: FeedSource, deps: RefreshDeps, claimed?: FeedState): Promise<RefreshOutcome> {
  const { store, log } = deps;
  const state = claimed ?? (await store.feedState(feed.id));
  const consecutiveFailures = state?.consecutiveFailures ?? 0;
  const validators = { etag: state?.etag ?? null, lastModified: state?.lastModified ?? null };

  const fetchOptions = deps.fetchOptionsFor(feed);
  const fetched = await deps.hostLimiter.run(hostOf(feed.url), () => metrics.timeFetch(() => fetchFeed(feed.url, validators, fetchOptions)));
  // Stopping aborted the fetch: nothing happened to the feed, so nothing is recorded.
  if (fetchOptions.signal?.aborted) return { kind: 'failed', reason: 'stopped' };
  const at = deps.now();
  const history: ChangeHistory = { changeIntervalMs: state?.changeIntervalMs ?? null, lastChangeAt: state?.lastChangeAt ?? null };
  const pushedIntervalSeconds = (await deps.pushedIntervalSeconds?.(feed.id)) ?? null;
  const schedule = (
    outcome: 'success' | 'not-modified' | 'failure',
    extra: { retryAfterSeconds?: number | null; maxAgeSeconds?: number | null } = {},
    changes: ChangeHistory = history,
  ): { nextAttemptAt: Date; schedule: ScheduleUpdate } => {
    const plan = planNextPoll({
      bounds: deps.intervalBoundsFor?.(feed) ?? feed,
      history: changes,
      outcome,
      consecutiveFailures: outcome === 'failure' ? consecutiveFailures + 1 : 0,
      retryAfterSeconds: extra.retryAfterSeconds ?? null,
      maxAgeSeconds: extra.maxAgeSeconds ?? null,
      pushedIntervalSeconds,
      now: at,
      random: deps.random,
    });
    return { nextAttemptAt: plan.nextAttemptAt, schedule: { ...changes, pollIntervalSeconds: plan.intervalSeconds, intervalReason: plan.reason } };
  };
  const fail = async (why: string, retryAfterSeconds: number | null = null): Promise<RefreshOutcome> => {
    const reason = redactUrlsIn(why); // stored and shown: no credentials or secret query values
    await store.recordFeedFailure(feed.id, { at, error: reason, ...schedule('failure', { retryAfterSeconds }) });
    log.warn({ feed: feed.id, url: redactUrl(feed.url), failures: consecutiveFailures + 1 }, `feed failed: ${reason}`);
    metrics.poll('failed');
    return { kind: 'failed', reason };
  };

  if (fetched.kind === 'not-modified') {
    await store.recordFeedNotModified(feed.id, { at, ...schedule('not-modified', fetched) });
    log.debug({ feed: feed.id }, 'not modified');
    metrics.poll('not-modified');
    return { kind: 'not-modified' };
  }
  if (fetched.kind === 'http-error' && fetched.status === 429) metrics.rateLimited('feed');
  if (fetched.kind === 'http-error') return fail(fetched.reason, fetched.retryAfterSeconds);
  if (fetched.kind === 'failed') return fail(fetched.reason);

  let planned: ScheduleUpdate | null = null;
  const ingested = await ingestDocument(feed, state, fetched, at, deps, ({ title, newItems, baseline }) => {
    const next = schedule('success', fetched, observeChanges(history, newItems, at, baseline));
    planned = next.schedule;
    return { at, etag: fetched.validators.etag, lastModified: fetched.validators.lastModified, title, ...next };
  });
  if (ingested.kind === 'rejected') return fail(ingested.reason);
  deps.onDocument?.(feed, fetched);
  metrics.poll('updated');
  const { items, newItems, alerts, baseline } = ingested;
  const { pollIntervalSeconds: nextPollIn, intervalReason: why } = planned ?? ({} as Partial<ScheduleUpdate>);
  log.info({ feed: feed.id, items, new: newItems, alerts, baseline, nextPollIn, why }, baseline ? 'feed baselined' : 'feed refreshed');
  return { kind: 'updated', items, newItems, alerts, baseline };
}
