// The settings tables: rules and watched feeds (seeded from the config, changed from chat), channel
// routes and rule mutes, the settings version the worker polls; and the full-text index `search`
// uses (FTS5 on SQLite, tsvector on Postgres) with how far it got. Kept in their own migration
// history (named after the slash commands that first wrote them) apart from the core store's.
import { Migrator, sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { DialectKind, StoreDialect } from './store-dialect.ts';

/** The channel the Postgres trigger notifies; the payload is the schema, so workers of other schemas ignore it. */
export const CHANGE_CHANNEL = 'wirewatch_changes';

/** The settings tables as Kysely sees them. Times are epoch ms, booleans 0/1. */
// A type alias, not an interface: Kysely's withTables<T>() needs an implicit index signature.
export type SettingsTables = {
  rules: {
    id: string;
    query: string;
    /** 'config': seeded from the config file; 'chat': added with `/news rules add`. */
    origin: string;
    /** 1: removed from chat; kept so that seeding from the config does not bring it back. */
    removed: number;
    updated_by: string | null;
    updated_at: number;
  };
  watched_feeds: {
    url: string;
    id: string;
    title: string | null;
    interval_seconds: number | null;
    backfill: number;
    origin: string;
    removed: number;
    updated_by: string | null;
    updated_at: number;
  };
  channel_routes: {
    rule_id: string;
    /** A destination name: `discord:CHANNEL_ID` or `slack:CHANNEL_ID` for a channel that subscribed. */
    destination: string;
    priority: string;
    created_by: string | null;
    created_at: number;
  };
  rule_mutes: { rule_id: string; until: number; muted_by: string | null; created_at: number };
  /** One row (id 1): grows with every change of the settings above. */
  settings_version: { id: number; version: number };
  /** One row (id 1): a hash of the config's rules and feeds seeded last (a start with the same config skips seeding). */
  config_seed: { id: number; fingerprint: string };
  /** One row (id 1): the id of the last item in the search index. */
  search_index_progress: { id: number; indexed_item_id: number };
};

const MIGRATION_TABLE = 'command_migrations';
const MIGRATION_LOCK_TABLE = 'command_migrations_lock';

function initial(kind: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('command_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('command_feeds')
        .addColumn('url', 'text', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text')
        .addColumn('interval_seconds', 'integer')
        .addColumn('backfill', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('command_routes')
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('command_routes_pk', ['rule_id', 'destination'])
        .execute();
      await db.schema
        .createTable('command_mutes')
        .addColumn('rule_id', 'text', (c) => c.primaryKey())
        .addColumn('until', 'bigint', (c) => c.notNull())
        .addColumn('muted_by', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('command_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addColumn('indexed_item_id', 'bigint', (c) => c.notNull())
        .execute();
      await sql`insert into command_state (id, version, indexed_item_id) values (1, 0, 0)`.execute(db);
      // The indexed text is the item's words already split and folded by src/text/words.ts. SQLite:
      // the 'ascii' tokenizer keeps every non-ASCII character inside a token, so no word of any script
      // vanishes, and a query word is tokenized as the stored one was. Postgres: the words are the
      // lexemes themselves (array_to_tsvector, no parser, no dictionary).
      if (kind === 'sqlite') {
        await sql`create virtual table item_search using fts5(words, tokenize = 'ascii')`.execute(db);
      } else {
        await sql`create table item_search (item_id integer primary key, words tsvector not null)`.execute(db);
        await sql`create index item_search_words_index on item_search using gin (words)`.execute(db);
      }
    },
  };
}

/**
 * SQLite: the search index without a second copy of every item's words (an FTS5 contentless table;
 * contentless_delete lets retention remove an item's entry). The index is rebuilt from the items.
 * Postgres keeps its tsvector table: it holds the lexemes the index needs, not the text.
 */
function contentlessSearch(kind: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (kind !== 'sqlite') return;
      await sql`drop table item_search`.execute(db);
      await sql`create virtual table item_search using fts5(words, tokenize = 'ascii', content = '', contentless_delete = 1)`.execute(db);
      await sql`update command_state set indexed_item_id = 0`.execute(db);
    },
  };
}

/**
 * The tables named after what they hold (they were `command_*`): rules, watched_feeds,
 * channel_routes, rule_mutes; the one state row becomes the settings version (renamed, so whatever
 * else the row holds comes along), its search index position moving to search_index_progress.
 * Rows are kept.
 */
const settingsTables: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const [from, to] of [
      ['command_rules', 'rules'],
      ['command_feeds', 'watched_feeds'],
      ['command_routes', 'channel_routes'],
      ['command_mutes', 'rule_mutes'],
      ['command_state', 'settings_version'],
    ] as const) {
      await db.schema.alterTable(from).renameTo(to).execute();
    }
    await db.schema
      .createTable('search_index_progress')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('indexed_item_id', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into search_index_progress (id, indexed_item_id) select id, indexed_item_id from settings_version`.execute(db);
    await db.schema.alterTable('settings_version').dropColumn('indexed_item_id').execute();
  },
};

/** Remembers which config was seeded last, so that a start with the same config skips seeding. */
const configSeed: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('config_seed')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * Postgres: every change of the settings version notifies the listening workers at commit
 * (LISTEN/NOTIFY, see postgres-change-listener.ts), so a feed added from chat is polled at once.
 */
function notifyChanges(kind: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (kind !== 'postgres') return;
      await sql`create function settings_version_notify() returns trigger language plpgsql as $$
        begin
          perform pg_notify(${sql.lit(CHANGE_CHANNEL)}, tg_table_schema);
          return null;
        end $$`.execute(db);
      await sql`create trigger settings_version_notify after update of version on settings_version for each row execute function settings_version_notify()`.execute(db);
    },
  };
}

/** The migrations in order; a shipped one is never edited, new ones are appended. */
export function settingsMigrations(kind: DialectKind): Record<string, Migration> {
  return {
    '0001_commands': initial(kind),
    '0002_contentless_search': contentlessSearch(kind),
    '0003_settings_tables': settingsTables,
    '0004_config_seed': configSeed,
    '0005_notify_changes': notifyChanges(kind),
  };
}

/** A migrator over the settings tables' own history (run after the core store's migrations). */
export function settingsMigrator(dialect: StoreDialect, migrations: Record<string, Migration> = settingsMigrations(dialect.kind)): Migrator {
  return new Migrator({
    db: dialect.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(dialect.schema === null ? {} : { migrationTableSchema: dialect.schema }),
  });
}

/** Brings the settings tables to the latest version (run after the core store's migrate()). */
export async function migrateSettingsTables(dialect: StoreDialect): Promise<void> {
  const { error } = await settingsMigrator(dialect).migrateToLatest();
  if (error !== undefined) throw new Error('store/command-migrations: migration failed', { cause: error });
}
