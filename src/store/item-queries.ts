// Items and the alerts they raise: saved once per feed, with their outbox rows, in one transaction
// (the durable outbox of docs/architecture.md: an alert exists if and only if its item is recorded as seen).
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { KnownItem, RememberedItem, SaveBatch, SaveEntry, SavedAlert, SavedItem } from './store.ts';
import { recordFeedSuccess } from './feed-queries.ts';
import { chunks } from './chunks.ts';

type Db = Kysely<Database>;

/** Keys per IN list, and rows per multi-row INSERT: well under SQLite's and Postgres' parameter limits. */
const KEYS_PER_QUERY = 500;
const ITEMS_PER_INSERT = 100;

export async function knownItemKeys(db: Db, feedId: string, keys: readonly string[]): Promise<Set<string>> {
  return new Set((await knownItems(db, feedId, keys)).keys());
}

export async function knownItems(db: Db, feedId: string, keys: readonly string[]): Promise<Map<string, KnownItem>> {
  const known = new Map<string, KnownItem>();
  for (const chunk of chunks([...new Set(keys)], KEYS_PER_QUERY)) {
    const rows = await db
      .selectFrom('items')
      .select(['key', 'link', 'fingerprint'])
      .where('feed_id', '=', feedId)
      .where('key', 'in', chunk)
      .execute();
    for (const row of rows) known.set(row.key, { link: row.link, fingerprint: row.fingerprint });
  }
  return known;
}

export async function rememberedItems(
  db: Db,
  feedId: string,
  find: { readonly links: readonly string[]; readonly fingerprints: readonly string[]; readonly since: Date },
): Promise<RememberedItem[]> {
  const found = new Map<string, RememberedItem>();
  const lookups = [
    ['link', [...new Set(find.links)]],
    ['fingerprint', [...new Set(find.fingerprints)]],
  ] as const;
  for (const [column, values] of lookups) {
    for (const chunk of chunks(values, KEYS_PER_QUERY)) {
      const rows = await db
        .selectFrom('items')
        .select(['key', 'link', 'fingerprint', 'story_id'])
        .where('feed_id', '=', feedId)
        .where(column, 'in', chunk)
        .where('fetched_at', '>=', find.since.getTime())
        .execute();
      for (const row of rows) found.set(row.key, { key: row.key, link: row.link, fingerprint: row.fingerprint, storyId: row.story_id });
    }
  }
  return [...found.values()];
}

export async function saveItems(db: Db, feedId: string, batch: SaveBatch): Promise<SavedItem[]> {
  return db.transaction().execute((trx) => saveEntries(trx, feedId, batch));
}

/** The body of saveItems, inside the caller's transaction. */
export async function saveEntries(trx: Db, feedId: string, batch: SaveBatch): Promise<SavedItem[]> {
  const saved: SavedItem[] = [];
  for (const chunk of chunks(firstPerKey(batch.entries), ITEMS_PER_INSERT)) {
    const inserted = await insertNewItems(trx, feedId, chunk, batch.fetch.at.getTime());
    for (const entry of chunk) {
      const id = inserted.get(entry.item.key);
      if (id === undefined) continue;
      const alerts = await insertAlerts(trx, id, entry, batch);
      saved.push({ id, item: entry.item, alerts });
    }
  }
  await recordFeedSuccess(trx, feedId, batch.fetch);
  return saved;
}

/** Inserts the items the feed does not have yet; returns key → id of those actually inserted. */
async function insertNewItems(trx: Db, feedId: string, entries: readonly SaveEntry[], fetchedAt: number): Promise<Map<string, number>> {
  if (entries.length === 0) return new Map();
  const rows = await trx
    .insertInto('items')
    .values(
      entries.map(({ item, storyId, fingerprint }) => ({
        feed_id: feedId,
        key: item.key,
        title: item.title,
        body: item.body,
        link: item.link,
        source: item.source,
        published_at: item.published.getTime(),
        published_estimated: item.publishedEstimated ? 1 : 0,
        fetched_at: fetchedAt,
        story_id: storyId ?? null,
        fingerprint: fingerprint ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['feed_id', 'key']).doNothing())
    .returning(['id', 'key'])
    .execute();
  return new Map(rows.map((r) => [r.key, r.id]));
}

async function insertAlerts(trx: Db, itemId: number, entry: SaveEntry, batch: SaveBatch): Promise<SavedAlert[]> {
  const saved: SavedAlert[] = [];
  const createdAt = batch.fetch.at.getTime();
  for (const alert of entry.alerts) {
    const row = await trx
      .insertInto('alerts')
      .values({
        item_id: itemId,
        rule_id: alert.ruleId,
        matched: JSON.stringify(alert.matched),
        summary: alert.summary,
        facts: alert.facts === null ? null : JSON.stringify(alert.facts),
        story_id: alert.storyId,
        created_at: createdAt,
        also_reported_by: alert.followUp === true && alert.sources !== undefined ? JSON.stringify(alert.sources) : null,
        story_update: alert.update === undefined || alert.update === null ? null : JSON.stringify(alert.update),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const destinations = [...new Set(alert.destinations ?? batch.destinations)];
    if (destinations.length > 0) {
      await trx
        .insertInto('outbox')
        .values(
          destinations.map((destination) => ({
            alert_id: row.id,
            destination,
            status: 'pending' as const,
            attempts: 0,
            next_attempt_at: createdAt,
            created_at: createdAt,
            kind: 'post',
            retrying: 0,
          })),
        )
        .execute();
    }
    saved.push({ id: row.id, ruleId: alert.ruleId });
  }
  return saved;
}

/** A batch may repeat a key (feeds do); the first occurrence is the one stored. */
function firstPerKey(entries: readonly SaveEntry[]): SaveEntry[] {
  const byKey = new Map<string, SaveEntry>();
  for (const e of entries) if (!byKey.has(e.item.key)) byKey.set(e.item.key, e);
  return [...byKey.values()];
}
