// The stable identity of an item within its feed (how "already seen" is decided): the guid,
// else the canonical link, else a hash of title and date. Prefixes keep the kinds apart.
import { createHash } from 'node:crypto';

export interface ItemKeyInput {
  readonly guid: string | null;
  /** Canonical link (see canonicalLink), or null. */
  readonly link: string | null;
  readonly title: string | null;
  /** The date as the feed gave it. */
  readonly published: string | null;
  /** Used only when there is no title and no date, so that such items do not all collide. */
  readonly body: string;
}

export function itemKey(input: ItemKeyInput): string {
  const guid = input.guid?.trim() ?? '';
  if (guid !== '') return `guid:${guid}`;
  if (input.link !== null && input.link !== '') return `link:${input.link}`;
  const title = input.title?.trim() ?? '';
  const date = input.published?.trim() ?? '';
  const basis = title === '' && date === '' ? `\n\n${input.body}` : `${title}\n${date}`;
  return `hash:${createHash('sha256').update(basis).digest('hex').slice(0, 32)}`;
}
