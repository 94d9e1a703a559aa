// Small builders for store tests: feeds, items, alerts and batches with readable defaults.
import type { FeedSource } from '../../src/domain/feed.ts';
import type { Item } from '../../src/domain/item.ts';
import type { NewAlert, SaveBatch, SaveEntry } from '../../src/store/store.ts';

export const T0 = new Date('2026-03-01T12:00:00.123Z');

export function at(offsetMs: number): Date {
  return new Date(T0.getTime() + offsetMs);
}

export function feedSource(id: string, overrides: Partial<FeedSource> = {}): FeedSource {
  return { id, url: `https://news.example/${id}.xml`, title: null, backfill: 0, intervalSeconds: 300, ...overrides };
}

export function item(key: string, overrides: Partial<Item> = {}): Item {
  return {
    key,
    title: `Title ${key}`,
    body: `Body of ${key}.\nSecond paragraph.`,
    link: `https://news.example/story/${encodeURIComponent(key)}`,
    published: at(-60_000),
    publishedEstimated: false,
    source: 'Example News',
    ...overrides,
  };
}

export function alert(ruleId: string, overrides: Partial<NewAlert> = {}): NewAlert {
  return {
    ruleId,
    matched: [{ term: 'rocket attack', field: 'title', start: 0, end: 2 }],
    summary: `Summary for ${ruleId}`,
    facts: null,
    storyId: `story-${ruleId}`,
    ...overrides,
  };
}

export function entry(key: string, alerts: readonly NewAlert[] = [], itemOverrides: Partial<Item> = {}): SaveEntry {
  return { item: item(key, itemOverrides), alerts };
}

export function batch(entries: readonly SaveEntry[], overrides: Partial<SaveBatch> = {}): SaveBatch {
  return {
    entries,
    destinations: ['discord:ops'],
    fetch: { at: T0, etag: '"v1"', lastModified: 'Sun, 01 Mar 2026 12:00:00 GMT', nextAttemptAt: at(300_000), title: 'Example News' },
    ...overrides,
  };
}
