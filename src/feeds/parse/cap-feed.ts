// Bounds what one poll of one feed may cost: at most MAX_ITEMS_PER_POLL items (the newest, by the
// feed's dates; undated ones count as newest, in document order) and a cap on each item's text,
// applied before HTML is converted, so a 100,000-item or 5 MB-description feed stays cheap.
import type { ParsedFeed, RawItem } from '../../domain/item.ts';
import { parseDate } from './parse-date.ts';

export const MAX_ITEMS_PER_POLL = 1_000;
/** Characters kept of an item's raw content or summary (HTML included) and of its title. */
export const MAX_RAW_TEXT = 100_000;
export const MAX_RAW_TITLE = 2_000;
const MAX_RAW_FIELD = 2_048;

export interface CappedFeed {
  readonly feed: ParsedFeed;
  /** Items left out because the document held more than MAX_ITEMS_PER_POLL. */
  readonly omittedItems: number;
}

export function capFeed(feed: ParsedFeed, maxItems = MAX_ITEMS_PER_POLL): CappedFeed {
  const kept = feed.items.length <= maxItems ? feed.items : newest(feed.items, maxItems);
  return { feed: { ...feed, items: kept.map(capItem) }, omittedItems: feed.items.length - kept.length };
}

function newest(items: readonly RawItem[], count: number): RawItem[] {
  const dated = items.map((item, index) => ({ item, index, at: parseDate(item.published)?.getTime() ?? Number.POSITIVE_INFINITY }));
  dated.sort((a, b) => b.at - a.at || a.index - b.index);
  // Back into document order, so the rest of the pipeline sees the feed as published.
  return dated.slice(0, count).sort((a, b) => a.index - b.index).map((d) => d.item);
}

function capItem(item: RawItem): RawItem {
  return {
    guid: cut(item.guid, MAX_RAW_FIELD),
    title: cut(item.title, MAX_RAW_TITLE),
    link: cut(item.link, MAX_RAW_FIELD),
    content: cut(item.content, MAX_RAW_TEXT),
    summary: cut(item.summary, MAX_RAW_TEXT),
    published: cut(item.published, MAX_RAW_FIELD),
    author: cut(item.author, MAX_RAW_FIELD),
    categories: item.categories.slice(0, 50).map((c) => c.slice(0, MAX_RAW_FIELD)),
  };
}

function cut(text: string | null, max: number): string | null {
  return text === null || text.length <= max ? text : text.slice(0, max);
}
