// Story memory shared by every worker: stories, their members (the clusterer's profile of each
// item) and the lock that serialises assignment. A worker's index is a cache of these rows,
// replayed in member id order; see docs/stories.md.
import type { Kysely, Selectable } from 'kysely';
import type { Facts } from '../domain/alert.ts';
import type { Database, StoryMembersTable } from './schema.ts';
import { itemRef } from './store.ts';
import type { NewStoryMember, StoryBatch, StoryLockView, StoryMemberRow, StoryRecord, StoryResume, StorySaveResult } from './store.ts';
import { chunks } from './chunks.ts';
import { saveEntries } from './item-queries.ts';

type Db = Kysely<Database>;

const ROWS_PER_INSERT = 100;
const IDS_PER_QUERY = 500;

export async function saveWithStories(
  db: Db,
  feedId: string,
  afterMemberId: number,
  assign: (view: StoryLockView) => Promise<StoryBatch>,
): Promise<StorySaveResult> {
  return db.transaction().execute(async (trx) => {
    // First statement of the transaction: on Postgres a row lock held to commit, on SQLite the
    // write lock. Whoever assigns next waits here and then sees what this one recorded.
    await trx.updateTable('story_lock').set({ held_at: Date.now() }).where('id', '=', 1).execute();
    const recorded = await membersAfter(trx, afterMemberId);
    const batch = await assign({ recorded, alertedRules: (storyIds) => alertedRules(trx, storyIds) });
    const saved = await saveEntries(trx, feedId, batch);
    const savedKeys = new Set(saved.map((s) => s.item.key));
    // Members of items that another poll of the same feed stored first are not this batch's.
    const members = batch.members.filter((m) => m.feedId !== feedId || savedKeys.has(m.key));
    const lastInserted = await insertMembers(trx, members, batch.fetch.at.getTime());
    await upsertStories(trx, batch.stories, batch.fetch.at.getTime());
    return { saved, lastMemberId: Math.max(afterMemberId, recorded.at(-1)?.id ?? 0, lastInserted) };
  });
}

export async function resumeStories(db: Db, since: Date, limit: number): Promise<StoryResume> {
  return db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('story_members').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    const rows = await trx
      .selectFrom('story_members')
      .innerJoin('stories', 'stories.id', 'story_members.story_id')
      .selectAll('story_members')
      .where('stories.last_published', '>=', since.getTime())
      .orderBy('story_members.id', 'desc')
      .limit(limit)
      .execute();
    return { members: rows.reverse().map(memberOf), lastMemberId: Number(last?.id ?? 0) };
  });
}

export async function itemTexts(db: Db, refs: readonly { readonly feedId: string; readonly key: string }[]): Promise<Map<string, { title: string; body: string }>> {
  const texts = new Map<string, { title: string; body: string }>();
  const byFeed = new Map<string, string[]>();
  for (const ref of refs) byFeed.set(ref.feedId, [...(byFeed.get(ref.feedId) ?? []), ref.key]);
  for (const [feedId, keys] of byFeed) {
    for (const chunk of chunks(keys, IDS_PER_QUERY)) {
      const rows = await db.selectFrom('items').select(['key', 'title', 'body']).where('feed_id', '=', feedId).where('key', 'in', chunk).execute();
      for (const row of rows) texts.set(itemRef(feedId, row.key), { title: row.title, body: row.body });
    }
  }
  return texts;
}

export async function pruneStories(db: Db, before: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const expired = trx.selectFrom('stories').select('id').where('last_published', '<', before.getTime());
    await trx.deleteFrom('story_members').where('story_id', 'in', expired).execute();
    const result = await trx.deleteFrom('stories').where('last_published', '<', before.getTime()).executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}

async function membersAfter(trx: Db, afterId: number): Promise<StoryMemberRow[]> {
  const rows = await trx.selectFrom('story_members').selectAll().where('id', '>', afterId).orderBy('id').execute();
  return rows.map(memberOf);
}

async function alertedRules(trx: Db, storyIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const alerted = new Map<string, Set<string>>();
  for (const chunk of chunks([...new Set(storyIds)], IDS_PER_QUERY)) {
    const rows = await trx.selectFrom('alerts').select(['story_id', 'rule_id']).distinct().where('story_id', 'in', chunk).execute();
    for (const row of rows) alerted.set(row.story_id, (alerted.get(row.story_id) ?? new Set()).add(row.rule_id));
  }
  return alerted;
}

/** Inserts members in order; returns the highest id given (0 when none). */
async function insertMembers(trx: Db, members: readonly NewStoryMember[], createdAt: number): Promise<number> {
  let last = 0;
  for (const chunk of chunks(members, ROWS_PER_INSERT)) {
    const rows = await trx
      .insertInto('story_members')
      .values(
        chunk.map((m) => ({
          story_id: m.storyId,
          feed_id: m.feedId,
          item_key: m.key,
          source: m.source,
          published_at: m.published.getTime(),
          facts: m.facts === null ? null : JSON.stringify(m.facts),
          profile: Buffer.from(m.profile.buffer, m.profile.byteOffset, m.profile.byteLength),
          created_at: createdAt,
        })),
      )
      .returning('id')
      .execute();
    for (const row of rows) last = Math.max(last, row.id);
  }
  return last;
}

async function upsertStories(trx: Db, stories: readonly StoryRecord[], at: number): Promise<void> {
  for (const chunk of chunks(stories, ROWS_PER_INSERT)) {
    await trx
      .insertInto('stories')
      .values(
        chunk.map((story) => ({
          id: story.id,
          first_published: story.firstPublished.getTime(),
          last_published: story.lastPublished.getTime(),
          item_count: story.itemCount,
          sources: JSON.stringify(story.sources),
          facts: JSON.stringify({ places: story.places, killed: story.killed, injured: story.injured }),
          updated_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          first_published: eb.ref('excluded.first_published'),
          last_published: eb.ref('excluded.last_published'),
          item_count: eb.ref('excluded.item_count'),
          sources: eb.ref('excluded.sources'),
          facts: eb.ref('excluded.facts'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

function memberOf(row: Selectable<StoryMembersTable>): StoryMemberRow {
  return {
    id: row.id,
    storyId: row.story_id,
    feedId: row.feed_id,
    key: row.item_key,
    source: row.source,
    published: new Date(row.published_at),
    facts: row.facts === null ? null : (JSON.parse(row.facts) as Facts),
    profile: row.profile,
  };
}
