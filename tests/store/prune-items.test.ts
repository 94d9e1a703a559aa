// Retention against every dialect: old items go (with their search entries), in batches; items with
// alerts, items of a story alerted inside the period, and each feed's newest items stay.
import { describe, expect, it } from 'vitest';
import { searchWordsOf } from '../../src/commands/match-stored-items.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { DIALECTS, useStores } from './dialects.ts';
import { alert, at, batch, entry, feedSource, T0 } from './fixtures.ts';

const DAY = 86_400_000;

for (const dialect of DIALECTS) {
  describe(`item retention (${dialect.name})`, () => {
    const stores = useStores(dialect);

    it('prunes old items but keeps alerted ones, open stories and each feed’s newest, and their search entries follow', async () => {
      const store = stores.store();
      const database = await openDatabase(stores.options());
      try {
        await database.migrate();
        await store.syncFeeds([feedSource('a'), feedSource('b')], T0);
        const old = { fetch: { at: T0, etag: null, lastModified: null, nextAttemptAt: T0, title: null } };
        // Feed a, stored 40 days ago: k1, k2 plain, k3 alerted, k4 in a story alerted yesterday; then its two newest.
        await store.saveItems('a', batch([entry('k1'), entry('k2'), entry('k3', [alert('r1', { storyId: 'gone' })]), { ...entry('k4'), storyId: 'open' }], old));
        await store.saveItems('a', batch([entry('k5'), entry('k6')], old));
        // Feed b: one old item, the feed's only one (its newest: kept); and an alert yesterday in story "open".
        await store.saveItems('b', batch([entry('j1')], old));
        await store.saveItems('b', batch([entry('j2', [alert('r1', { storyId: 'open' })])], { fetch: { ...old.fetch, at: at(39 * DAY) } }));
        const { archive } = database;
        const { db, kind } = database.dialect;
        await archive.indexNewItems(searchWordsOf);

        const removed = await archive.pruneItems({ cutoff: at(30 * DAY), keepPerFeed: 2 });
        expect(removed).toBe(2);
        const left = await db.selectFrom('items').select('key').orderBy('key').execute();
        expect(left.map((r) => r.key)).toEqual(['j1', 'j2', 'k3', 'k4', 'k5', 'k6']);
        const found = await archive.searchCandidates({ words: ['k1', 'k2', 'k5'], prefixes: [], since: null, after: null, limit: 10 });
        expect(found.map((s) => s.item.key)).toEqual(['k5']);
        expect(await archive.pruneItems({ cutoff: at(30 * DAY), keepPerFeed: 2 })).toBe(0);
        if (kind === 'sqlite') {
          // Contentless FTS5: the index only, no shadow table holding a copy of the words.
          const copies = await db.selectFrom('sqlite_master' as never).select('name' as never).where('name' as never, '=', 'item_search_content' as never).execute();
          expect(copies).toEqual([]);
        }
      } finally {
        await database.close();
      }
    });

    it('works through many old items in batches, and stops at the first item inside the period', async () => {
      const store = stores.store();
      const database = await openDatabase(stores.options());
      try {
        await database.migrate();
        await store.syncFeeds([feedSource('a')], T0);
        const keys = Array.from({ length: 1200 }, (_, i) => `k${i}`);
        await store.saveItems('a', batch(keys.map((k) => entry(k)), { fetch: { at: T0, etag: null, lastModified: null, nextAttemptAt: T0, title: null } }));
        await store.saveItems('a', batch([entry('recent')], { fetch: { at: at(40 * DAY), etag: null, lastModified: null, nextAttemptAt: T0, title: null } }));
        expect(await database.archive.pruneItems({ cutoff: at(30 * DAY), keepPerFeed: 1, maxBatches: 1 })).toBe(500);
        expect(await database.archive.pruneItems({ cutoff: at(30 * DAY), keepPerFeed: 1 })).toBe(700);
        const left = await database.dialect.db.selectFrom('items').select('key').execute();
        expect(left.map((r) => r.key)).toEqual(['recent']);
      } finally {
        await database.close();
      }
    });
  });
}
