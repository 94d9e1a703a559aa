// The store's migrations, in code (no files read at run time), one set for both dialects.
// Append new migrations; never edit one that has shipped.
import { sql } from 'kysely';
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectKind } from './store-dialect.ts';

/** An auto-numbered integer primary key: the only DDL the two dialects spell differently. */
function addIdColumn<T extends string>(table: CreateTableBuilder<T>, kind: DialectKind): CreateTableBuilder<T, 'id'> {
  const define = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    kind === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
  return table.addColumn('id', 'integer', define);
}

function initial(kind: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('feeds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('site_title', 'text')
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('last_success_at', 'bigint')
        .addColumn('last_error_at', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint')
        .addColumn('baselined', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await addIdColumn(db.schema.createTable('items'), kind)
        .addColumn('feed_id', 'text', (c) => c.notNull().references('feeds.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('published_at', 'bigint', (c) => c.notNull())
        .addColumn('published_estimated', 'integer', (c) => c.notNull())
        .addColumn('fetched_at', 'bigint', (c) => c.notNull())
        .addColumn('story_id', 'text')
        .addUniqueConstraint('items_feed_id_key_unique', ['feed_id', 'key'])
        .execute();
      await db.schema.createIndex('items_story_id_index').on('items').column('story_id').execute();

      await addIdColumn(db.schema.createTable('alerts'), kind)
        .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('matched', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('facts', 'text')
        .addColumn('story_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('alerts_item_id_rule_id_unique', ['item_id', 'rule_id'])
        .execute();
      await db.schema.createIndex('alerts_story_id_index').on('alerts').column('story_id').execute();

      await addIdColumn(db.schema.createTable('outbox'), kind)
        .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id'))
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('claimed_until', 'bigint')
        .addColumn('message_id', 'text')
        .addColumn('last_error', 'text')
        .addColumn('last_error_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('sent_at', 'bigint')
        .addUniqueConstraint('outbox_alert_id_destination_unique', ['alert_id', 'destination'])
        .execute();
      // claimDeliveries: WHERE destination = ? AND status = 'pending' ... ORDER BY id
      await db.schema.createIndex('outbox_claim_index').on('outbox').columns(['destination', 'status', 'id']).execute();
      await db.schema.createIndex('outbox_status_index').on('outbox').column('status').execute();
    },
  };
}

/** Routing and story updates: outbox kind (post/digest) and retry blocking, follow-up data on alerts, story messages. */
const routingAndStories: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('outbox').addColumn('kind', 'text', (c) => c.notNull().defaultTo('post')).execute();
    await db.schema.alterTable('outbox').addColumn('retrying', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('alerts').addColumn('also_reported_by', 'text').execute();
    await db.schema.alterTable('alerts').addColumn('story_update', 'text').execute();
    // hourly caps: posts sent to a destination since an hour ago
    await db.schema.createIndex('outbox_sent_index').on('outbox').columns(['destination', 'sent_at']).execute();
    // `wirewatch status`: alerts today
    await db.schema.createIndex('alerts_created_at_index').on('alerts').column('created_at').execute();
    await db.schema
      .createTable('story_messages')
      .addColumn('story_id', 'text', (c) => c.notNull())
      .addColumn('destination', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id'))
      .addColumn('facts', 'text')
      .addColumn('also_reported_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('story_messages_pk', ['story_id', 'destination'])
      .execute();
  },
};

/**
 * The feed schedule in the store: a lease (owner, expiry) on each feed so N workers on one database
 * claim due feeds without polling one twice, and `active` for feeds still in the live list. Claims
 * read `WHERE active = 1 AND next_attempt_at <= now ORDER BY next_attempt_at`; next_attempt_at is
 * never null from here on.
 */
const feedSchedule: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('feeds').addColumn('lease_owner', 'text').execute();
    await db.schema.alterTable('feeds').addColumn('lease_until', 'bigint').execute();
    await db.schema.alterTable('feeds').addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.createIndex('feeds_due_index').on('feeds').columns(['active', 'next_attempt_at']).execute();
    // Never null from now on, so a claim is a range scan of that index (a NULL branch would scan every feed).
    await sql`update feeds set next_attempt_at = created_at where next_attempt_at is null`.execute(db);
  },
};

/** Retention: a feed's newest items are found by (feed_id, id) when old items are pruned. */
const itemRetention: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('items_feed_id_id_index').on('items').columns(['feed_id', 'id']).execute();
  },
};

/** Named leases: one worker at a time holds the chat front ends. */
const workerLeases: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('leases')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('until', 'bigint', (c) => c.notNull())
      .execute();
  },
};
/** Story memory shared by workers: stories, their members (with the clusterer's profile), the lock, reposts. */
function storyMemory(kind: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('items').addColumn('fingerprint', 'text').execute();
      // Reposts: an item of the window with the same canonical link or the same content.
      await db.schema.createIndex('items_feed_link_index').on('items').columns(['feed_id', 'link']).execute();
      await db.schema.createIndex('items_feed_fingerprint_index').on('items').columns(['feed_id', 'fingerprint']).execute();
      await db.schema
        .createTable('stories')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('first_published', 'bigint', (c) => c.notNull())
        .addColumn('last_published', 'bigint', (c) => c.notNull())
        .addColumn('item_count', 'integer', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('facts', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('stories_last_published_index').on('stories').column('last_published').execute();
      await addIdColumn(db.schema.createTable('story_members'), kind)
        .addColumn('story_id', 'text', (c) => c.notNull())
        .addColumn('feed_id', 'text', (c) => c.notNull())
        .addColumn('item_key', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('published_at', 'bigint', (c) => c.notNull())
        .addColumn('facts', 'text')
        .addColumn('profile', kind === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('story_members_story_index').on('story_members').column('story_id').execute();
      await db.schema
        .createTable('story_lock')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('held_at', 'bigint', (c) => c.notNull())
        .execute();
      await sql`insert into story_lock (id, held_at) values (1, 0)`.execute(db);
    },
  };
}

/**
 * Adaptive polling: what the feed's schedule learnt, kept in the feed row so every worker and a
 * restart agree. `change_interval` is the moving average of the time between changes (ms),
 * `last_change_at` when new items last appeared, `poll_interval` (s) and `interval_reason` what the
 * last poll decided and why (shown by `wirewatch feeds`).
 */
const adaptivePolling: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('feeds').addColumn('change_interval', 'bigint').execute();
    await db.schema.alterTable('feeds').addColumn('last_change_at', 'bigint').execute();
    await db.schema.alterTable('feeds').addColumn('poll_interval', 'integer').execute();
    await db.schema.alterTable('feeds').addColumn('interval_reason', 'text').execute();
  },
};

/**
 * WebSub subscriptions: one per feed, found by its unguessable callback id (a push may reach any
 * worker), with the secret its pushes are signed with, the lease the hub granted, when it next
 * needs attention (`due_at`: renew, retry, give up) and a claim (`claimed_until`) so one worker at
 * a time renews or ends it.
 */
const websubSubscriptions: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('websub_subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('feed_id', 'text', (c) => c.notNull().unique())
      .addColumn('hub', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('lease_seconds', 'integer')
      .addColumn('expires_at', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('due_at', 'bigint')
      .addColumn('claimed_until', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('websub_subscriptions_due_index').on('websub_subscriptions').column('due_at').execute();
  },
};

/** The migration set for one dialect, keyed by name (applied in name order). */
export function createMigrationProvider(kind: DialectKind): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve({
        '0001_initial': initial(kind),
        '0002_routing_and_stories': routingAndStories,
        '0003_story_memory': storyMemory(kind),
        '0004_feed_schedule': feedSchedule,
        '0005_item_retention': itemRetention,
        '0006_worker_leases': workerLeases,
        '0007_adaptive_polling': adaptivePolling,
        '0008_websub_subscriptions': websubSubscriptions,
      }),
  };
}
