// What parsing a fetched body answers: the feed, or a one-line reason it is not one.
import type { ParsedFeed } from '../../domain/item.ts';

export type ParseResult =
  /** omittedItems: items past the per-poll cap (see cap-feed.ts), left out; absent means none. */
  | { kind: 'ok'; feed: ParsedFeed; omittedItems?: number }
  | { kind: 'rejected'; reason: string };
