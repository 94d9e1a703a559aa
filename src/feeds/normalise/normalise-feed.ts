// A parsed feed's items, normalised, under the title they are shown with: the step the worker
// (polled and pushed documents) and `wirewatch check` share after parsing.
import type { Item, ParsedFeed } from '../../domain/item.ts';
import { normaliseItem } from './normalise-item.ts';

export interface FeedNames {
  /** The title the configuration gives the feed, which wins over the document's. */
  readonly configured: string | null;
  /** Used when neither the configuration nor the document names the feed. */
  readonly fallback: string;
}

export function normaliseFeed(feed: ParsedFeed, names: FeedNames, feedUrl: string, fetchedAt: Date): { title: string; items: Item[] } {
  const title = names.configured ?? feed.title ?? names.fallback;
  return { title, items: feed.items.map((raw) => normaliseItem(raw, { feedTitle: title, feedUrl, fetchedAt })) };
}
