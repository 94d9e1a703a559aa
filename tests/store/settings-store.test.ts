// The settings store and item archive against every dialect: seeding from config, chat changes
// surviving a reopen and a re-seed, the change counter, routes, mutes, and the full-text preselection.
import { describe, expect, it } from 'vitest';
import { searchWordsOf } from '../../src/commands/match-stored-items.ts';
import type { ConfigSeed } from '../../src/store/settings-store.ts';
import type { SettingsTables } from '../../src/store/command-migrations.ts';
import { fts5Query, tsQuery } from '../../src/store/search-queries.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { splitFoldedWords } from '../../src/text/words.ts';
import { DIALECTS } from './dialects.ts';
import { alert } from './fixtures.ts';
import { HOUR, NOW, news, useCommandStore } from '../commands/command-harness.ts';

const SEED: ConfigSeed = {
  rules: [
    { id: 'iraq', query: '"rocket attack" AND Iraq' },
    { id: 'lagos', query: 'explosion place:Lagos' },
  ],
  feeds: [{ id: 'world', url: 'https://news.example/world.xml', title: 'World', intervalSeconds: null, backfill: 0 }],
};

for (const dialect of DIALECTS) {
  describe(`settings tables (${dialect.name})`, () => {
    const h = useCommandStore(dialect);

    it('seeds rules and feeds from the config, and a re-seed with the same config changes nothing', async () => {
      const db = h.settings();
      await db.seedFromConfig(SEED, NOW);
      const v1 = await db.changeVersion();
      expect(v1).toBe(1);
      expect(await db.loadActiveRules()).toEqual([
        { id: 'iraq', query: '"rocket attack" AND Iraq', origin: 'config' },
        { id: 'lagos', query: 'explosion place:Lagos', origin: 'config' },
      ]);
      expect(await db.loadActiveFeeds(120)).toEqual([
        { id: 'world', url: 'https://news.example/world.xml', title: 'World', backfill: 0, intervalSeconds: 120, origin: 'config' },
      ]);
      await db.seedFromConfig(SEED, NOW);
      expect(await db.changeVersion()).toBe(v1);
    });

    it('skips the feed rows when the config is the one seeded last, and reads them again once it changes', async () => {
      const db = h.settings();
      await db.seedFromConfig(SEED, NOW);
      // Only seeding writes config rows; edited behind its back, a row shows whether the seed read them again.
      const other = await openDatabase(h.options());
      try {
        await other.dialect.db.withTables<SettingsTables>().updateTable('watched_feeds').set({ title: 'edited' }).where('id', '=', 'world').execute();
      } finally {
        await other.close();
      }
      await db.seedFromConfig(SEED, NOW);
      expect((await db.loadActiveFeeds(120))[0]?.title).toBe('edited');
      await db.seedFromConfig({ ...SEED, rules: SEED.rules.slice(0, 1) }, NOW);
      expect((await db.loadActiveFeeds(120))[0]?.title).toBe('World');
      expect((await db.loadActiveRules()).map((r) => r.id)).toEqual(['iraq']);
    });

    it('keeps chat changes across a reopen and a re-seed; follows config edits of config rules', async () => {
      const db = h.settings();
      await db.seedFromConfig(SEED, NOW);
      expect(await db.addRule({ id: 'kirkuk', query: 'kirkuk' }, 'U1', NOW)).toBe('added');
      expect(await db.addRule({ id: 'kirkuk', query: 'other' }, 'U1', NOW)).toBe('exists');
      expect(await db.removeRule('lagos', 'U1', NOW)).toBe(true);
      expect(await db.removeRule('lagos', 'U1', NOW)).toBe(false);
      expect(await db.addFeed({ url: 'https://chat.example/rss', id: 'chat-rss', title: null }, 'U1', NOW)).toBe('added');
      expect(await db.removeFeed('world', 'U1', NOW)).toBe('https://news.example/world.xml');

      const reopened = await openDatabase(h.options());
      try {
        await reopened.settings.seedFromConfig({ ...SEED, rules: [{ id: 'iraq', query: 'Iraq' }, { id: 'lagos', query: 'explosion place:Lagos' }] }, NOW);
        expect(await reopened.settings.loadActiveRules()).toEqual([
          { id: 'iraq', query: 'Iraq', origin: 'config' },
          { id: 'kirkuk', query: 'kirkuk', origin: 'chat' },
        ]);
        expect((await reopened.settings.loadActiveFeeds(60)).map((f) => [f.id, f.origin])).toEqual([['chat-rss', 'chat']]);
      } finally {
        await reopened.close();
      }
    });

    it('drops config rules and feeds that left the config', async () => {
      const db = h.settings();
      await db.seedFromConfig(SEED, NOW);
      await db.seedFromConfig({ rules: [{ id: 'iraq', query: 'Iraq' }], feeds: [] }, NOW);
      expect((await db.loadActiveRules()).map((r) => r.id)).toEqual(['iraq']);
      expect(await db.loadActiveFeeds(60)).toEqual([]);
    });

    it('seeds many feeds in batches; a feed whose URL changed keeps its id; dropped ones go', async () => {
      const db = h.settings();
      const many = Array.from({ length: 1_234 }, (_, n) => ({ id: `f${n}`, url: `https://news.example/${n}.xml`, title: null, intervalSeconds: null, backfill: 0 }));
      await db.seedFromConfig({ rules: [], feeds: many }, NOW);
      expect((await db.loadActiveFeeds(60)).length).toBe(1_234);

      const moved = { ...many[7], url: 'https://elsewhere.example/7.xml' } as (typeof many)[number];
      await db.seedFromConfig({ rules: [], feeds: [...many.slice(0, 7), moved, ...many.slice(8, 600)] }, NOW);
      const feeds = await db.loadActiveFeeds(60);
      expect(feeds.length).toBe(600);
      expect(feeds.find((f) => f.id === 'f7')?.url).toBe('https://elsewhere.example/7.xml');
      expect(feeds.some((f) => f.id === 'f600')).toBe(false);
    });

    it('bumps the change counter on every change and not on a no-op', async () => {
      const db = h.settings();
      const steps: [string, () => Promise<unknown>, number][] = [
        ['add rule', () => db.addRule({ id: 'r', query: 'x' }, 'U', NOW), 1],
        ['route', () => db.addRoute({ ruleId: 'r', destination: 'discord:1', priority: 'flash' }, 'U', NOW), 1],
        ['mute', () => db.muteRule('r', new Date(NOW.getTime() + HOUR), 'U', NOW), 1],
        ['unmute', () => db.unmuteRule('r', NOW), 1],
        ['unmute again', () => db.unmuteRule('r', NOW), 0],
        ['unroute', () => db.removeRoute('r', 'discord:1'), 1],
        ['unroute again', () => db.removeRoute('r', 'discord:1'), 0],
        ['remove missing feed', () => db.removeFeed('nope', 'U', NOW), 0],
      ];
      for (const [what, step, delta] of steps) {
        const before = await db.changeVersion();
        await step();
        expect(await db.changeVersion(), what).toBe(before + delta);
      }
    });

    it('stores routes and mutes; removing a rule removes both', async () => {
      const db = h.settings();
      await db.addRule({ id: 'r', query: 'x' }, 'U', NOW);
      expect(await db.addRoute({ ruleId: 'r', destination: 'slack:C123', priority: 'low' }, 'U', NOW)).toBe('added');
      expect(await db.addRoute({ ruleId: 'r', destination: 'slack:C123', priority: 'flash' }, 'U', NOW)).toBe('updated');
      expect(await db.listRoutes()).toEqual([{ ruleId: 'r', destination: 'slack:C123', priority: 'flash' }]);
      const until = new Date(NOW.getTime() + HOUR);
      await db.muteRule('r', until, 'U', NOW);
      expect(await db.activeMutes(NOW)).toEqual(new Map([['r', until]]));
      expect(await db.activeMutes(until)).toEqual(new Map());
      await db.removeRule('r', 'U', NOW);
      expect(await db.listRoutes()).toEqual([]);
      expect(await db.activeMutes(NOW)).toEqual(new Map());
    });

    it('lists recent alerts newest first, by rule and since', async () => {
      await h.save('f', [{ item: news('a', 'First', 'x', 5), alerts: [alert('r1')] }], new Date(NOW.getTime() - 5 * HOUR));
      await h.save('f', [{ item: news('b', 'Second', 'x', 1), alerts: [alert('r1'), alert('r2')] }], new Date(NOW.getTime() - HOUR));
      const all = await h.archive().recentAlerts({ ruleId: null, since: new Date(NOW.getTime() - 6 * HOUR), limit: 10 });
      expect(all.map((a) => [a.title, a.ruleId])).toEqual([['Second', 'r2'], ['Second', 'r1'], ['First', 'r1']]);
      const r1Recent = await h.archive().recentAlerts({ ruleId: 'r1', since: new Date(NOW.getTime() - 2 * HOUR), limit: 10 });
      expect(r1Recent.map((a) => a.title)).toEqual(['Second']);
    });

    it('preselects by folded words and prefixes, newest first, and indexes each item once', async () => {
      await h.save('f', [
        news('1', 'Rocket attack on base', 'Near Kirkuk.', 3),
        news('2', 'Café owners protest', 'In the U.S. capital.', 2),
        news('3', 'Weather', 'Sunny and mild.', 1),
        news('4', 'Attacks continue', 'Another attack.', 0.5),
      ]);
      const archive = h.archive();
      expect(await archive.indexNewItems(searchWordsOf)).toBe(4);
      expect(await archive.indexNewItems(searchWordsOf)).toBe(0);
      const keys = async (words: string[], prefixes: string[] = [], since: Date | null = null): Promise<string[]> =>
        (await archive.searchCandidates({ words, prefixes, since, after: null, limit: 10 })).map((s) => s.item.key);
      expect(await keys(['attack'])).toEqual(['4', '1']);
      expect(await keys(['cafe'])).toEqual(['2']);
      expect(await keys(['us'])).toEqual(['2']);
      expect(await keys([], ['atta'])).toEqual(['4', '1']);
      expect(await keys(['sunny', 'kirkuk'])).toEqual(['3', '1']);
      expect(await keys([])).toEqual(['4', '3', '2', '1']);
      expect(await keys(['attack'], [], new Date(NOW.getTime() - HOUR))).toEqual(['4']);
      expect(await keys(["it's"])).toEqual([]);

      await h.save('f', [news('5', 'Late attack', 'x', 0.1)]);
      expect(await archive.indexNewItems(searchWordsOf)).toBe(1);
      expect(await keys(['attack'])).toEqual(['5', '4', '1']);
    });

    it('pages newest first without gaps or repeats, items published at the same time included', async () => {
      const same = 3;
      await h.save('f', [1, 2, 3, 4, 5, 6, 7].map((n) => news(`p${n}`, `Attack ${n}`, 'x', n <= 4 ? same : n)));
      const archive = h.archive();
      await archive.indexNewItems(searchWordsOf);
      const seen: string[] = [];
      let after = null;
      for (let page = 0; page < 10; page++) {
        const found = await archive.searchCandidates({ words: ['attack'], prefixes: [], since: null, after, limit: 3 });
        seen.push(...found.map((s) => s.item.key));
        after = found.at(-1) ?? null;
        if (found.length < 3) break;
      }
      expect(seen).toEqual(['p4', 'p3', 'p2', 'p1', 'p5', 'p6', 'p7']);
    });

    it('indexes words of every script, recent Unicode letters included', async () => {
      // 𞓐𞓑: Nag Mundari letters (Unicode 15, 2022): the index must not depend on the database's Unicode tables.
      await h.save('f', [news('ru', 'Взрыв в Москве', 'Москва, عراق.', 1), news('jp', '東京都で地震', 'x', 1), news('nm', 'Name 𞓐𞓑 here', 'x', 1)]);
      const archive = h.archive();
      await archive.indexNewItems(searchWordsOf);
      const keys = async (words: string[], prefixes: string[] = []): Promise<string[]> =>
        (await archive.searchCandidates({ words, prefixes, since: null, after: null, limit: 10 })).map((s) => s.item.key);
      expect(await keys(['москва'])).toEqual(['ru']);
      expect(await keys(['عراق'])).toEqual(['ru']);
      expect(await keys([], ['моск'])).toEqual(['ru']);
      expect(await keys(splitFoldedWords('東京都で地震'))).toEqual(['jp']); // folded: で → て
      expect(await keys(['𞓐𞓑'])).toEqual(['nm']);
      expect(await keys(['name'])).toEqual(['nm']);
    });
  });
}

describe('full-text query text', () => {
  it.each([
    [{ words: ['attack', 'say"s'], prefixes: ['kirk'] }, '"attack" OR "say""s" OR "kirk" *', "'attack' | 'say\"s' | 'kirk':*"],
    [{ words: ["o'brien", 'a\\b'], prefixes: [] }, '"o\'brien" OR "a\\b"', "'o''brien' | 'a\\\\b'"],
  ])('%j', (filter, fts5, ts) => {
    expect(fts5Query(filter)).toBe(fts5);
    expect(tsQuery(filter)).toBe(ts);
  });
});
