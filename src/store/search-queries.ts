// Stored items and alerts as the slash commands read them: the latest alerts, and the full-text
// preselection behind `/news search` and `rules test`: an index of each item's folded
// words (a contentless SQLite FTS5 table: the index only, no copy of the words; Postgres tsvector),
// caught up lazily, queried for the words a rule needs; the rule engine then decides exactly.
// https://sqlite.org/fts5.html#contentless_tables
import { sql, type Selectable } from 'kysely';
import type { ItemsTable } from './schema.ts';
import type { Item } from '../domain/item.ts';
import type { DialectKind } from './store-dialect.ts';
import type { SettingsDb } from './settings-queries.ts';
import { fromMillis } from './time.ts';

export interface StoredItem {
  readonly id: number;
  readonly feedId: string;
  readonly item: Item;
}

export interface RecentAlert {
  readonly alertId: number;
  readonly ruleId: string;
  readonly title: string;
  readonly link: string | null;
  readonly source: string;
  readonly published: Date;
  readonly createdAt: Date;
}

export interface CandidateFilter {
  /** Items having one of these folded words… */
  readonly words: readonly string[];
  /** …or a word starting with one of these. Both empty: every item (no preselection). */
  readonly prefixes: readonly string[];
  /** Only items published at or after this time. */
  readonly since: Date | null;
  /** Keyset paging: only items older than this one (by published time, then id); null for the first page. */
  readonly after: StoredItem | null;
  readonly limit: number;
}

/** Items per transaction: small, so that catching up never holds the worker's event loop for long. */
const INDEX_BATCH = 200;

/**
 * Indexes items stored since the last call (up to `maxItems`), with `wordsOf` giving an item's
 * folded words; returns how many were indexed. Safe to repeat: an item indexed twice is replaced.
 * Batches are small and the event loop runs between them.
 */
export async function indexNewItems(db: SettingsDb, kind: DialectKind, wordsOf: (item: Item) => readonly string[], maxItems = 50_000): Promise<number> {
  let indexed = 0;
  while (indexed < maxItems) {
    if (indexed > 0) await new Promise((resolve) => setImmediate(resolve));
    const done = await db.transaction().execute(async (trx) => {
      const state = await trx.selectFrom('search_index_progress').select('indexed_item_id').where('id', '=', 1).executeTakeFirstOrThrow();
      const rows = await selectItems(trx)
        .where('items.id', '>', Number(state.indexed_item_id))
        .orderBy('items.id')
        .limit(Math.min(INDEX_BATCH, maxItems - indexed))
        .execute();
      const last = rows.at(-1);
      if (last === undefined) return 0;
      const docs = rows.map((r) => ({ id: r.id, words: [...new Set(wordsOf(toStored(r).item))] }));
      const ids = docs.map((d) => d.id);
      if (kind === 'sqlite') {
        await sql`delete from item_search where rowid in (${sql.join(ids)})`.execute(trx);
        for (const d of docs) await sql`insert into item_search (rowid, words) values (${d.id}, ${d.words.join(' ')})`.execute(trx);
      } else {
        for (const d of docs) {
          await sql`insert into item_search (item_id, words) values (${d.id}, array_to_tsvector(${d.words}::text[]))
                    on conflict (item_id) do update set words = excluded.words`.execute(trx);
        }
      }
      await trx.updateTable('search_index_progress').set({ indexed_item_id: last.id }).where('id', '=', 1).execute();
      return rows.length;
    });
    if (done === 0) break;
    indexed += done;
  }
  return indexed;
}

/** Items that may match (newest first): those with one of the words or prefixes, or all when none is given. */
export async function searchCandidates(db: SettingsDb, kind: DialectKind, filter: CandidateFilter): Promise<StoredItem[]> {
  let query = selectItems(db);
  if (filter.since !== null) query = query.where('items.published_at', '>=', filter.since.getTime());
  const after = filter.after;
  if (after !== null) {
    const at = after.item.published.getTime();
    query = query.where((eb) => eb.or([eb('items.published_at', '<', at), eb.and([eb('items.published_at', '=', at), eb('items.id', '<', after.id)])]));
  }
  if (filter.words.length > 0 || filter.prefixes.length > 0) {
    query =
      kind === 'sqlite'
        ? query.where(sql<boolean>`items.id in (select rowid from item_search where item_search match ${fts5Query(filter)})`)
        : query.where(sql<boolean>`items.id in (select item_id from item_search where words @@ ${tsQuery(filter)}::tsquery)`);
  }
  const rows = await query.orderBy('items.published_at', 'desc').orderBy('items.id', 'desc').limit(filter.limit).execute();
  return rows.map(toStored);
}

/** `"w1" OR "w2" OR "pre" *`: each word as a phrase, so the index tokenizes it as it did the item's. */
export function fts5Query(filter: Pick<CandidateFilter, 'words' | 'prefixes'>): string {
  const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;
  return [...filter.words.map(quote), ...filter.prefixes.map((p) => `${quote(p)} *`)].join(' OR ');
}

/** `'w1' | 'w2' | 'pre':*`, cast to tsquery as is: the lexemes are our folded words, unparsed. */
export function tsQuery(filter: Pick<CandidateFilter, 'words' | 'prefixes'>): string {
  const quote = (text: string): string => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  return [...filter.words.map(quote), ...filter.prefixes.map((p) => `${quote(p)}:*`)].join(' | ');
}

function selectItems(db: SettingsDb) {
  return db
    .selectFrom('items')
    .select(['items.id', 'items.feed_id', 'items.key', 'items.title', 'items.body', 'items.link', 'items.source', 'items.published_at', 'items.published_estimated']);
}

type ItemRow = Pick<Selectable<ItemsTable>, 'id' | 'feed_id' | 'key' | 'title' | 'body' | 'link' | 'source' | 'published_at' | 'published_estimated'>;

function toStored(r: ItemRow): StoredItem {
  return {
    id: r.id,
    feedId: r.feed_id,
    item: { key: r.key, title: r.title, body: r.body, link: r.link, source: r.source, published: fromMillis(r.published_at), publishedEstimated: r.published_estimated !== 0 },
  };
}

/** The latest alerts (newest first), optionally of one rule, created at or after `since`. */
export async function recentAlerts(db: SettingsDb, filter: { ruleId: string | null; since: Date; limit: number }): Promise<RecentAlert[]> {
  let query = db
    .selectFrom('alerts')
    .innerJoin('items', 'items.id', 'alerts.item_id')
    .select(['alerts.id', 'alerts.rule_id', 'alerts.created_at', 'items.title', 'items.link', 'items.source', 'items.published_at'])
    .where('alerts.created_at', '>=', filter.since.getTime());
  if (filter.ruleId !== null) query = query.where('alerts.rule_id', '=', filter.ruleId);
  const rows = await query.orderBy('alerts.created_at', 'desc').orderBy('alerts.id', 'desc').limit(filter.limit).execute();
  return rows.map((r) => ({
    alertId: r.id,
    ruleId: r.rule_id,
    title: r.title,
    link: r.link,
    source: r.source,
    published: fromMillis(r.published_at),
    createdAt: fromMillis(r.created_at),
  }));
}
