// Turns a RawItem into the Item every later stage reads: plain-text title and body, canonical
// link, stable key, UTC date (the fetch time, flagged, when the feed's date is missing or absurd).
import type { Item, RawItem } from '../../domain/item.ts';
import { canonicalLink } from './canonical-link.ts';
import { htmlToLine, htmlToText } from './html-to-text.ts';
import { itemKey } from './item-key.ts';
import { parseDate } from '../parse/parse-date.ts';

export interface NormaliseContext {
  /** The feed's title, or its host when it has none. */
  readonly feedTitle: string;
  /** The feed's URL: relative item links are resolved against it. */
  readonly feedUrl: string;
  readonly fetchedAt: Date;
}

// A date more than this far past the fetch is a publisher's clock or time-zone error.
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
const UNTITLED_LENGTH = 120;

export function normaliseItem(raw: RawItem, ctx: NormaliseContext): Item {
  const link = raw.link === null ? null : canonicalLink(raw.link, ctx.feedUrl);
  const content = raw.content === null ? '' : htmlToText(raw.content);
  const body = content !== '' ? content : raw.summary === null ? '' : htmlToText(raw.summary);
  const title = raw.title === null ? '' : htmlToLine(raw.title);
  const parsed = parseDate(raw.published);
  const usable = parsed !== null && parsed.getTime() <= ctx.fetchedAt.getTime() + MAX_FUTURE_MS;
  return {
    key: itemKey({ guid: raw.guid, link, title: raw.title, published: raw.published, body }),
    // Untitled items (allowed in RSS) are shown by the start of their text.
    title: title !== '' ? title : untitled(body),
    body,
    link,
    published: usable ? parsed : ctx.fetchedAt,
    publishedEstimated: !usable,
    source: ctx.feedTitle,
  };
}

function untitled(body: string): string {
  const firstLine = body.split('\n', 1)[0] ?? '';
  return firstLine.length <= UNTITLED_LENGTH ? firstLine : `${firstLine.slice(0, UNTITLED_LENGTH - 1).trimEnd()}…`;
}
