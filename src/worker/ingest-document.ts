// The half of the pipeline a polled and a pushed (WebSub) document share: parse, normalise, keep
// only new items (not reposts), match rules, extract facts, then assign stories and store items,
// alerts and outbox rows in one transaction with the feed's record of this fetch.
import type { FeedSource } from '../domain/feed.ts';
import type { Item } from '../domain/item.ts';
import type { Logger } from '../log/create-logger.ts';
import { parseFeedOffThread } from '../feeds/parse/parse-feed-off-thread.ts';
import { normaliseFeed } from '../feeds/normalise/normalise-feed.ts';
import type { CompiledRules } from '../rules/compile-rules.ts';
import type { FeedState, FetchSuccess, Store } from '../store/store.ts';
import type { Gazetteer } from '../geo/gazetteer-types.ts';
import { factsOf } from '../alerts/describe-alerts.ts';
import { matchItem } from '../alerts/match-item.ts';
import { metrics } from '../metrics/metrics.ts';
import { findNewItems } from './new-items.ts';
import type { PreparedItem, StoryMemory } from './story-memory.ts';

export interface IngestDeps {
  readonly store: Store;
  readonly rules: () => CompiledRules;
  readonly gazetteer: () => Gazetteer;
  /** Stories across workers and restarts (src/worker/story-memory.ts). */
  readonly stories: StoryMemory;
  readonly destinations: () => readonly string[];
  /** A muted rule creates no alerts until the mute ends. */
  readonly isMuted?: (ruleId: string, at: Date) => boolean;
  readonly log: Logger;
}

export interface FetchedDocument {
  readonly body: Buffer;
  readonly contentType: string | null;
  /** Where the document came from: the base of its relative links. */
  readonly finalUrl: string;
}

/** What the document held, for the feed's record of this fetch (schedule, change history). */
export interface DocumentFindings {
  readonly title: string;
  /** Items not seen before (the baseline's included). */
  readonly newItems: number;
  readonly baseline: boolean;
}

export type Ingested =
  | { kind: 'stored'; items: number; newItems: number; alerts: number; baseline: boolean }
  | { kind: 'rejected'; reason: string };

/** `record` turns what the document held into the feed's fetch record, saved in the same transaction. */
export async function ingestDocument(
  feed: FeedSource,
  state: FeedState | null,
  document: FetchedDocument,
  at: Date,
  deps: IngestDeps,
  record: (findings: DocumentFindings) => FetchSuccess,
): Promise<Ingested> {
  const { log } = deps;
  const parsed = await parseFeedOffThread(document.body, document.contentType);
  if (parsed.kind === 'rejected') return { kind: 'rejected', reason: parsed.reason };
  if (parsed.omittedItems) log.warn({ feed: feed.id, kept: parsed.feed.items.length, omitted: parsed.omittedItems }, 'feed has too many items: kept the newest');

  const { title: feedTitle, items } = normaliseFeed(parsed.feed, { configured: feed.title, fallback: hostOf(feed.url) }, document.finalUrl, at);
  const fresh = await findNewItems(deps.store, feed.id, items, new Date(at.getTime() - deps.stories.windowMs), log);

  // A feed's first successful fetch is a baseline: remember everything, alert on the newest `backfill` only.
  const baseline = state === null || !state.baselined;
  const alertable = new Set(baseline ? newestFirst(fresh.map((f) => f.item)).slice(0, feed.backfill) : fresh.map((f) => f.item));
  const rules = deps.rules();
  // The gazetteer (large, built on first use) is asked for only when an item needs its facts.
  const prepared = fresh.map(({ item, fingerprint, repostOf }): PreparedItem => {
    const cluster = alertable.has(item);
    const matches = cluster ? matchItem(rules, item, (ruleId) => deps.isMuted?.(ruleId, at) ?? false) : [];
    return { item, fingerprint, matches, cluster, facts: cluster ? factsOf(item, deps.gazetteer()) : null, repostOf };
  });

  const saved = await deps.stories.save(feed.id, prepared, {
    destinations: deps.destinations(),
    fetch: record({ title: feedTitle, newItems: fresh.length, baseline }),
  });
  metrics.stored(saved);
  return { kind: 'stored', items: items.length, newItems: saved.length, alerts: saved.reduce((sum, s) => sum + s.alerts.length, 0), baseline };
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host || 'file';
  } catch {
    return 'file';
  }
}

function newestFirst(items: readonly Item[]): Item[] {
  return [...items].sort((a, b) => b.published.getTime() - a.published.getTime());
}
