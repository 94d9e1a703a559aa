// Refreshes one feed, top to bottom like the pipeline in docs/architecture.md: fetch
// (conditional), parse, normalise, keep only new items (not reposts), match rules, extract facts,
// then assign stories and store items and alerts in one transaction. A failing feed records its
// own error and never throws.
import type { FeedSource } from '../domain/feed.ts';
import type { Item } from '../domain/item.ts';
import type { Logger } from '../log/create-logger.ts';
import { redactUrl, redactUrlsIn } from '../log/redact-url.ts';
import { nextAttemptAt } from './backoff.ts';
import { fetchFeed } from '../feeds/fetch/fetch-feed.ts';
import type { FetchOptions } from '../feeds/fetch/fetch-types.ts';
import type { HostLimiter } from './host-limiter.ts';
import { parseFeedOffThread } from '../feeds/parse/parse-feed-off-thread.ts';
import { normaliseItem } from '../feeds/normalise/normalise-item.ts';
import type { CompiledRules } from '../rules/compile-rules.ts';
import type { FeedState, Store } from '../store/store.ts';
import type { Gazetteer } from '../geo/gazetteer-types.ts';
import { factsOf } from '../alerts/describe-alerts.ts';
import { articleOf } from '../alerts/article-of.ts';
import { metrics } from '../metrics/metrics.ts';
import { findNewItems } from './new-items.ts';
import type { PreparedItem, StoryMemory } from './story-memory.ts';

export interface RefreshDeps {
  readonly store: Store;
  readonly rules: () => CompiledRules;
  readonly gazetteer: () => Gazetteer;
  /** Stories across workers and restarts (src/worker/story-memory.ts). */
  readonly stories: StoryMemory;
  readonly hostLimiter: HostLimiter;
  /** Fetch limits for one feed (feeds added from chat get the SSRF guard). */
  readonly fetchOptionsFor: (feed: FeedSource) => FetchOptions;
  readonly destinations: () => readonly string[];
  /** A muted rule creates no alerts until the mute ends. */
  readonly isMuted?: (ruleId: string, at: Date) => boolean;
  readonly now: () => Date;
  readonly random: () => number;
  readonly log: Logger;
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
  const schedule = (outcome: 'success' | 'not-modified' | 'failure', extra: { retryAfterSeconds?: number | null; maxAgeSeconds?: number | null } = {}) =>
    nextAttemptAt({
      outcome,
      consecutiveFailures: outcome === 'failure' ? consecutiveFailures + 1 : 0,
      intervalSeconds: feed.intervalSeconds,
      retryAfterSeconds: extra.retryAfterSeconds ?? null,
      maxAgeSeconds: extra.maxAgeSeconds ?? null,
      now: at,
      random: deps.random,
    });
  const fail = async (why: string, retryAfterSeconds: number | null = null): Promise<RefreshOutcome> => {
    const reason = redactUrlsIn(why); // stored and shown: no credentials or secret query values
    await store.recordFeedFailure(feed.id, { at, error: reason, nextAttemptAt: schedule('failure', { retryAfterSeconds }) });
    log.warn({ feed: feed.id, url: redactUrl(feed.url), failures: consecutiveFailures + 1 }, `feed failed: ${reason}`);
    metrics.poll('failed');
    return { kind: 'failed', reason };
  };

  if (fetched.kind === 'not-modified') {
    await store.recordFeedNotModified(feed.id, { at, nextAttemptAt: schedule('not-modified', fetched) });
    log.debug({ feed: feed.id }, 'not modified');
    metrics.poll('not-modified');
    return { kind: 'not-modified' };
  }
  if (fetched.kind === 'http-error' && fetched.status === 429) metrics.rateLimited('feed');
  if (fetched.kind === 'http-error') return fail(fetched.reason, fetched.retryAfterSeconds);
  if (fetched.kind === 'failed') return fail(fetched.reason);

  const parsed = await parseFeedOffThread(fetched.body, fetched.contentType);
  if (parsed.kind === 'rejected') return fail(parsed.reason);
  if (parsed.omittedItems) log.warn({ feed: feed.id, kept: parsed.feed.items.length, omitted: parsed.omittedItems }, 'feed has too many items: kept the newest');

  const feedTitle = feed.title ?? parsed.feed.title ?? hostOf(feed.url);
  const items = parsed.feed.items.map((raw) => normaliseItem(raw, { feedTitle, feedUrl: fetched.finalUrl, fetchedAt: at }));
  const fresh = await findNewItems(store, feed.id, items, new Date(at.getTime() - deps.stories.windowMs), log);

  // A feed's first successful poll is a baseline: remember everything, alert on the newest `backfill` only.
  const baseline = state === null || !state.baselined;
  const alertable = new Set(baseline ? newestFirst(fresh.map((f) => f.item)).slice(0, feed.backfill) : fresh.map((f) => f.item));
  const rules = deps.rules();
  // The gazetteer (large, built on first use) is asked for only when an item needs its facts.
  const prepared = fresh.map(({ item, fingerprint, repostOf }): PreparedItem => {
    const cluster = alertable.has(item);
    const matches = cluster ? rules.match(articleOf(item)).filter((m) => !deps.isMuted?.(m.ruleId, at)) : [];
    return { item, fingerprint, matches, cluster, facts: cluster ? factsOf(item, deps.gazetteer()) : null, repostOf };
  });

  const saved = await deps.stories.save(feed.id, prepared, {
    destinations: deps.destinations(),
    fetch: { at, etag: fetched.validators.etag, lastModified: fetched.validators.lastModified, nextAttemptAt: schedule('success', fetched), title: feedTitle },
  });
  const alerts = saved.reduce((sum, s) => sum + s.alerts.length, 0);
  metrics.poll('updated');
  metrics.stored(saved);
  log.info({ feed: feed.id, items: items.length, new: saved.length, alerts, baseline }, baseline ? 'feed baselined' : 'feed refreshed');
  return { kind: 'updated', items: items.length, newItems: saved.length, alerts, baseline };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || 'file';
  } catch {
    return 'file';
  }
}

function newestFirst(items: readonly Item[]): Item[] {
  return [...items].sort((a, b) => b.published.getTime() - a.published.getTime());
}
