// Which items of a fetched feed are new: not stored under their key, not a repost of an item of
// the window (same content under a new guid, or the same canonical link), and, when two different
// articles share one guid, both kept (the second under a key of its own).
import type { Item } from '../domain/item.ts';
import type { Logger } from '../log/create-logger.ts';
import { contentFingerprint } from '../stories/content-fingerprint.ts';
import type { KnownItem, Store } from '../store/store.ts';

export interface NewItem {
  readonly item: Item;
  readonly fingerprint: string;
  /** For a repost of a remembered item under another guid with other text: that item's story. */
  readonly repostOf: string | null;
}

export async function findNewItems(
  store: Pick<Store, 'knownItems' | 'rememberedItems'>,
  feedId: string,
  items: readonly Item[],
  since: Date,
  log: Logger,
): Promise<NewItem[]> {
  const candidates = distinctInDocument(items.map((item) => ({ item, fingerprint: contentFingerprint(item.title, item.body) })), feedId, log);
  const known = await store.knownItems(feedId, candidates.map((c) => c.item.key));
  // A stored item under the same key that is another article: this one gets a key of its own.
  const collided = candidates.flatMap((c) => {
    const stored = known.get(c.item.key);
    return stored !== undefined && isCollision(stored, c) ? [{ ...c, item: { ...c.item, key: collisionKey(c) }, collided: true }] : [];
  });
  const knownCollided = collided.length === 0 ? new Map<string, KnownItem>() : await store.knownItems(feedId, collided.map((c) => c.item.key));
  const fresh = [...candidates.filter((c) => !known.has(c.item.key)), ...collided.filter((c) => !knownCollided.has(c.item.key))];
  for (const c of fresh) if (c.collided) log.warn({ feed: feedId, key: c.item.key }, 'two different articles share one guid: both kept');
  if (fresh.length === 0) return [];

  const remembered = await store.rememberedItems(feedId, {
    links: fresh.flatMap((c) => (c.item.link === null ? [] : [c.item.link])),
    fingerprints: fresh.map((c) => c.fingerprint),
    since,
  });
  const byFingerprint = new Set(remembered.map((r) => r.fingerprint));
  const byLink = new Map(remembered.flatMap((r) => (r.link === null ? [] : [[r.link, r.storyId] as const])));
  const result: NewItem[] = [];
  for (const c of fresh) {
    if (byFingerprint.has(c.fingerprint)) continue; // the same text under a new guid
    const story = c.item.link === null ? undefined : byLink.get(c.item.link);
    if (story === null) continue; // a repost of an item that was never clustered (history)
    result.push({ item: c.item, fingerprint: c.fingerprint, repostOf: story ?? null });
  }
  if (result.length < fresh.length) log.debug({ feed: feedId, reposts: fresh.length - result.length }, 'reposts recognised');
  return result;
}

interface Candidate {
  readonly item: Item;
  readonly fingerprint: string;
  /** Keyed apart from another article with the same guid. */
  readonly collided?: boolean;
}

/** Feeds repeat items; a repeated key is the same item unless link and text both differ. */
function distinctInDocument(candidates: readonly Candidate[], feedId: string, log: Logger): Candidate[] {
  const byKey = new Map<string, Candidate>();
  for (const c of candidates) {
    const first = byKey.get(c.item.key);
    if (first === undefined) byKey.set(c.item.key, c);
    else if (isCollision({ link: first.item.link, fingerprint: first.fingerprint }, c)) {
      const key = collisionKey(c);
      if (!byKey.has(key)) byKey.set(key, { ...c, item: { ...c.item, key }, collided: true });
    }
  }
  if (byKey.size < candidates.length) log.debug({ feed: feedId, repeated: candidates.length - byKey.size }, 'feed repeats items');
  return [...byKey.values()];
}

function isCollision(stored: KnownItem, c: Candidate): boolean {
  return (
    stored.link !== null &&
    c.item.link !== null &&
    stored.link !== c.item.link &&
    stored.fingerprint !== null &&
    stored.fingerprint !== c.fingerprint
  );
}

function collisionKey(c: Candidate): string {
  return `${c.item.key}#${c.fingerprint.slice(0, 12)}`;
}
