// A database made before the settings tables had their names (`command_*`) upgrades with its data:
// rules, feeds, routes and mutes as chat left them, the settings version, and how far the search
// index got. Built with the migrations of that time, then opened the one way the app opens it.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { settingsMigrator } from '../../src/store/command-migrations.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { DIALECTS, useStores } from './dialects.ts';

const AT = Date.parse('2026-03-10T12:00:00Z');

for (const dialect of DIALECTS) {
  describe(`settings tables upgrade (${dialect.name})`, () => {
    const stores = useStores(dialect);

    it('renames the command tables and keeps every row, the version and the index position', async () => {
      const old = await openDatabase(stores.options());
      try {
        await old.store.migrate();
        const before = await settingsMigrator(old.dialect).migrateTo('0002_contentless_search');
        expect(before.error).toBeUndefined();
        const db = old.dialect.db;
        await sql`insert into command_rules (id, query, origin, removed, updated_by, updated_at) values ('iraq', 'Iraq', 'config', 0, null, ${AT}), ('gone', 'x', 'chat', 1, 'U1', ${AT}), ('kirkuk', 'kirkuk', 'chat', 0, 'U1', ${AT})`.execute(db);
        await sql`insert into command_feeds (url, id, title, interval_seconds, backfill, origin, removed, updated_by, updated_at) values ('https://a.example/rss', 'a', 'A', 60, 2, 'config', 0, null, ${AT}), ('https://chat.example/rss', 'chat', null, null, 0, 'chat', 0, 'U1', ${AT})`.execute(db);
        await sql`insert into command_routes (rule_id, destination, priority, created_by, created_at) values ('kirkuk', 'discord:100000000000000001', 'flash', 'U1', ${AT})`.execute(db);
        await sql`insert into command_mutes (rule_id, until, muted_by, created_at) values ('iraq', ${AT + 3_600_000}, 'U1', ${AT})`.execute(db);
        await sql`update command_state set version = 7, indexed_item_id = 42`.execute(db);
      } finally {
        await old.close();
      }

      const upgraded = await openDatabase(stores.options());
      try {
        await upgraded.migrate();
        const { settings } = upgraded;
        expect(await settings.changeVersion()).toBe(7);
        expect(await settings.loadActiveRules()).toEqual([
          { id: 'iraq', query: 'Iraq', origin: 'config' },
          { id: 'kirkuk', query: 'kirkuk', origin: 'chat' },
        ]);
        expect(await settings.loadActiveFeeds(120)).toEqual([
          { id: 'a', url: 'https://a.example/rss', title: 'A', backfill: 2, intervalSeconds: 60, origin: 'config' },
          { id: 'chat', url: 'https://chat.example/rss', title: null, backfill: 0, intervalSeconds: 120, origin: 'chat' },
        ]);
        expect(await settings.listRoutes()).toEqual([{ ruleId: 'kirkuk', destination: 'discord:100000000000000001', priority: 'flash' }]);
        expect(await settings.activeMutes(new Date(AT))).toEqual(new Map([['iraq', new Date(AT + 3_600_000)]]));
        // The removal from chat came along too: a config listing that rule does not bring it back.
        await settings.seedFromConfig({ rules: [{ id: 'iraq', query: 'Iraq' }, { id: 'gone', query: 'x' }], feeds: [] }, new Date(AT));
        expect((await settings.loadActiveRules()).map((r) => r.id)).toEqual(['iraq', 'kirkuk']);
        const progress = await sql<{ indexed_item_id: number | string }>`select indexed_item_id from search_index_progress where id = 1`.execute(upgraded.dialect.db);
        expect(Number(progress.rows[0]?.indexed_item_id)).toBe(42);
        const leftover = await sql<{ n: number | string }>`select count(*) as n from command_rules`.execute(upgraded.dialect.db).catch(() => null);
        expect(leftover).toBeNull();
      } finally {
        await upgraded.close();
      }
    });
  });
}
