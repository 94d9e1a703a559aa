// The store against every dialect: migrations, feeds, items stored once, alerts + outbox in one transaction.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIALECTS, POSTGRES_SKIP_REASON, POSTGRES_URL, useStores } from './dialects.ts';
import { alert, at, batch, entry, feedSource, item, T0 } from './fixtures.ts';

for (const dialect of DIALECTS) {
  describe(`store (${dialect.name})`, () => {
    const stores = useStores(dialect);

    it('migrates twice without change, from the same and from a second connection', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      await store.migrate();
      const again = await stores.open(stores.options());
      await again.migrate();
      expect((await again.listFeedStates()).map((f) => f.feedId)).toEqual(['a']);
    });

    it('syncFeeds inserts new feeds and updates url/title of known ones, keeping their history', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('b'), feedSource('a', { title: 'Configured A' })], T0);
      expect(await store.feedState('a')).toEqual({
        feedId: 'a',
        url: 'https://news.example/a.xml',
        title: 'Configured A',
        etag: null,
        lastModified: null,
        baselined: false,
        lastSuccessAt: null,
        lastErrorAt: null,
        lastError: null,
        consecutiveFailures: 0,
        nextAttemptAt: expect.any(Date), // its own slot, soon (see feed-schedule.test.ts)
        createdAt: T0,
        // Adaptive polling has nothing to go on yet.
        lastChangeAt: null,
        changeIntervalMs: null,
        pollIntervalSeconds: null,
        intervalReason: null,
      });
      await store.saveItems('a', batch([entry('k1', [alert('r1')])]));

      await store.syncFeeds([feedSource('a', { title: 'Renamed A' }), feedSource('c')], at(1000));
      const a = await store.feedState('a');
      expect(a).toMatchObject({ title: 'Renamed A', etag: '"v1"', baselined: true, createdAt: T0 });
      expect([...(await store.knownItemKeys('a', ['k1']))]).toEqual(['k1']);
      expect((await store.listFeedStates()).map((f) => f.feedId)).toEqual(['a', 'b', 'c']);
      expect(await store.feedState('missing')).toBeNull();
    });

    it('uses the feed’s own title when none is configured, and drops validators and backoff when the URL changes', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      await store.saveItems('a', batch([]));
      await store.recordFeedFailure('a', { at: at(1), error: 'HTTP 500', nextAttemptAt: at(600_000) });
      expect(await store.feedState('a')).toMatchObject({ title: 'Example News', etag: '"v1"', consecutiveFailures: 1 });

      await store.syncFeeds([feedSource('a', { url: 'https://moved.example/a.xml' })], at(2));
      expect(await store.feedState('a')).toMatchObject({
        url: 'https://moved.example/a.xml',
        etag: null,
        lastModified: null,
        nextAttemptAt: at(2),
        consecutiveFailures: 0,
        lastError: 'HTTP 500',
        baselined: true,
      });
    });

    it('counts failures, and resets them on not-modified and on success', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      await store.recordFeedFailure('a', { at: at(1), error: 'timeout', nextAttemptAt: at(60_000) });
      await store.recordFeedFailure('a', { at: at(2), error: 'HTTP 503', nextAttemptAt: at(120_000) });
      expect(await store.feedState('a')).toMatchObject({
        consecutiveFailures: 2,
        lastError: 'HTTP 503',
        lastErrorAt: at(2),
        nextAttemptAt: at(120_000),
        lastSuccessAt: null,
        baselined: false,
      });

      await store.recordFeedNotModified('a', { at: at(3), nextAttemptAt: at(300_003) });
      expect(await store.feedState('a')).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: at(3), nextAttemptAt: at(300_003), baselined: false });

      await store.recordFeedFailure('a', { at: at(4), error: 'HTTP 429', nextAttemptAt: at(60_004) });
      await store.saveItems('a', batch([entry('k1')], { fetch: { at: at(5), etag: 'W/"e2"', lastModified: null, nextAttemptAt: at(300_005), title: null } }));
      expect(await store.feedState('a')).toMatchObject({
        consecutiveFailures: 0,
        lastSuccessAt: at(5),
        nextAttemptAt: at(300_005),
        etag: 'W/"e2"',
        lastModified: null,
        baselined: true,
        lastError: 'HTTP 429',
        lastErrorAt: at(4),
      });
    });

    it('refuses to record outcomes for a feed it does not know', async () => {
      const store = stores.store();
      await expect(store.recordFeedFailure('nope', { at: T0, error: 'x', nextAttemptAt: T0 })).rejects.toThrow(/store: unknown feed "nope"/);
      await expect(store.recordFeedNotModified('nope', { at: T0, nextAttemptAt: T0 })).rejects.toThrow(/unknown feed/);
      await expect(store.saveItems('nope', batch([]))).rejects.toThrow(/unknown feed/);
    });

    it('stores an item once per feed; the same key in another feed is another item', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a'), feedSource('b')], T0);
      const first = await store.saveItems('a', batch([entry('k1', [alert('r1')]), entry('k2')]));
      expect(first.map((s) => s.item.key)).toEqual(['k1', 'k2']);

      const rerun = await store.saveItems('a', batch([entry('k1', [alert('r1')]), entry('k2'), entry('k3', [alert('r2')])]));
      expect(rerun.map((s) => s.item.key)).toEqual(['k3']);
      expect(rerun[0]?.alerts.map((a) => a.ruleId)).toEqual(['r2']);

      const other = await store.saveItems('b', batch([entry('k1', [alert('r1')])]));
      expect(other.map((s) => s.item.key)).toEqual(['k1']);
      expect(other[0]?.id).not.toBe(first[0]?.id);

      expect(await store.outboxCounts()).toEqual({ pending: 3, failed: 0, sent: 0 });
      expect([...(await store.knownItemKeys('a', ['k1', 'k2', 'k3', 'k4']))].sort()).toEqual(['k1', 'k2', 'k3']);
      expect([...(await store.knownItemKeys('b', ['k1', 'k2']))]).toEqual(['k1']);
    });

    it('keeps the first of repeated keys within one batch', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      const saved = await store.saveItems('a', batch([entry('k1', [alert('r1')], { title: 'first' }), entry('k1', [alert('r1')], { title: 'second' })]));
      expect(saved.map((s) => s.item.title)).toEqual(['first']);
      const [delivery] = await store.claimDeliveries('discord:ops', at(1), 10, 60_000);
      expect(delivery?.alert.title).toBe('first');
      expect(await store.outboxCounts()).toEqual({ pending: 1, failed: 0, sent: 0 });
    });

    it('answers knownItemKeys for more keys than one IN list holds, and saves big batches', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      const keys = Array.from({ length: 1234 }, (_, i) => `key-${i}`);
      const saved = await store.saveItems('a', batch(keys.map((k) => entry(k))));
      expect(saved).toHaveLength(1234);
      const asked = [...keys, ...Array.from({ length: 300 }, (_, i) => `other-${i}`)];
      const known = await store.knownItemKeys('a', asked);
      expect(known.size).toBe(1234);
      expect(known.has('key-1233') && !known.has('other-0')).toBe(true);
      expect((await store.knownItemKeys('a', [])).size).toBe(0);
    });

    it('creates each new item’s alerts and one outbox row per alert and destination, returning their ids', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      const saved = await store.saveItems(
        'a',
        batch(
          [
            entry('k1', [alert('r1'), alert('r2', { destinations: ['slack:news'] })]),
            entry('k2', [alert('r1')]),
            entry('k3'),
          ],
          { destinations: ['discord:ops', 'console'] },
        ),
      );
      expect(saved.map((s) => [s.item.key, s.alerts.map((a) => a.ruleId)])).toEqual([
        ['k1', ['r1', 'r2']],
        ['k2', ['r1']],
        ['k3', []],
      ]);
      const alertIds = saved.flatMap((s) => s.alerts.map((a) => a.id));
      expect(new Set(alertIds).size).toBe(3);
      expect(await store.outboxCounts()).toEqual({ pending: 5, failed: 0, sent: 0 });

      const discord = await store.claimDeliveries('discord:ops', at(1), 10, 60_000);
      expect(discord.map((d) => [d.alert.itemKey, d.alert.ruleId])).toEqual([
        ['k1', 'r1'],
        ['k2', 'r1'],
      ]);
      const slack = await store.claimDeliveries('slack:news', at(1), 10, 60_000);
      expect(slack.map((d) => d.alert.id)).toEqual([saved[0]?.alerts[1]?.id]);
      expect(await store.claimDeliveries('console', at(1), 10, 60_000)).toHaveLength(2);
    });

    it('rolls the whole batch back when one entry violates a constraint', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      const bad = batch([entry('k1', [alert('r1')]), entry('k2', [alert('r1'), alert('r1')])]);
      await expect(store.saveItems('a', bad)).rejects.toThrow();
      expect((await store.knownItemKeys('a', ['k1', 'k2'])).size).toBe(0);
      expect(await store.outboxCounts()).toEqual({ pending: 0, failed: 0, sent: 0 });
      expect(await store.feedState('a')).toMatchObject({ baselined: false, lastSuccessAt: null, etag: null });

      // The store is still usable, and the same items then save normally.
      const saved = await store.saveItems('a', batch([entry('k1', [alert('r1')]), entry('k2', [alert('r1')])]));
      expect(saved).toHaveLength(2);
      expect(await store.outboxCounts()).toEqual({ pending: 2, failed: 0, sent: 0 });
    });

    it('round-trips dates, text and JSON exactly', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      const published = new Date('1999-12-31T23:59:59.999Z');
      const stored = item('urn:x:1', {
        title: 'Explosion near Lagos office — “3 killed” 🚨',
        body: 'Line one.\nLine two with \'quotes\' and "double" and \\ backslash.',
        link: null,
        published,
        publishedEstimated: true,
        source: 'Agência Exemplo',
      });
      const facts = { places: [{ name: 'Lagos', country: 'NG' }], killed: 3, injured: null, when: '1999-12-31', attribution: null };
      const matched = [
        { term: 'explosion', field: 'title' as const, start: 0, end: 1 },
        { term: 'Lagos', field: 'body' as const, start: 7, end: 8 },
      ];
      const saved = await store.saveItems('a', batch([{ item: stored, storyId: 'st-1', alerts: [alert('r1', { facts, matched, storyId: 'st-1', summary: 'Σ summary' })] }]));
      expect(saved[0]?.item).toEqual(stored);

      const [delivery] = await store.claimDeliveries('discord:ops', at(1), 1, 60_000);
      expect(delivery).toEqual({
        outboxId: expect.any(Number),
        destination: 'discord:ops',
        kind: 'post',
        attempts: 1,
        createdAt: T0,
        claimedUntil: at(60_001),
        feedId: 'a',
        storyUpdate: null,
        storyMessage: null,
        alert: {
          id: saved[0]?.alerts[0]?.id,
          ruleId: 'r1',
          itemKey: 'urn:x:1',
          title: stored.title,
          link: null,
          source: 'Agência Exemplo',
          published,
          matched,
          summary: 'Σ summary',
          facts,
          storyId: 'st-1',
          alsoReportedBy: [],
          priority: 'normal',
        },
      });
      expect(delivery?.alert.published.getTime()).toBe(published.getTime());
    });
  });
}

describe('openStore (sqlite)', () => {
  const [sqlite] = DIALECTS;
  if (sqlite === undefined) throw new Error('test: no sqlite dialect');
  const stores = useStores(sqlite);

  it('creates the parent directory of a SQLite file', () => {
    expect(stores.store()).toBeDefined();
    expect(existsSync(stores.options().url)).toBe(true);
  });

  it('accepts sqlite:PATH', async () => {
    const path = `${stores.options().url}-other`;
    const store = await stores.open({ url: `sqlite:${path}` });
    await store.syncFeeds([feedSource('a')], T0);
    expect(existsSync(path)).toBe(true);
  });

  it('opens :memory:', async () => {
    const store = await stores.open({ url: ':memory:' });
    await store.syncFeeds([feedSource('a')], T0);
    expect((await store.listFeedStates()).length).toBe(1);
  });
});

if (POSTGRES_URL === null) {
  console.warn(POSTGRES_SKIP_REASON);
  describe.skip(POSTGRES_SKIP_REASON, () => {
    it('store (postgres)', () => {});
  });
}
