// The feed schedule in the store, against every dialect: first polls spread over the interval,
// claims under a lease (never one feed to two workers at once), takeover after a lease lapses.
import { describe, expect, it } from 'vitest';
import { DIALECTS, useStores } from './dialects.ts';
import { at, batch, feedSource, T0 } from './fixtures.ts';

const LEASE = 60_000;
const claim = (owner: string, now: Date, limit = 100) => ({ owner, now, limit, leaseMs: LEASE });
const ids = (states: readonly { feedId: string }[]): string[] => states.map((s) => s.feedId).sort();

for (const dialect of DIALECTS) {
  describe(`feed schedule (${dialect.name})`, () => {
    const stores = useStores(dialect);

    it('gives each new feed its own slot: a large list is spread over the interval, a small one polled soon', async () => {
      const store = stores.store();
      const many = Array.from({ length: 2000 }, (_, i) => feedSource(`f${i}`, { intervalSeconds: 60 }));
      await store.syncFeeds(many, T0);
      const due = (await store.listFeedStates()).map((s) => (s.nextAttemptAt?.getTime() ?? 0) - T0.getTime());
      expect(Math.min(...due)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...due)).toBeLessThan(60_000);
      // Every tenth of the interval gets about a tenth of the feeds: no burst.
      const perTenth = Array.from({ length: 10 }, (_, k) => due.filter((d) => Math.floor(d / 6000) === k).length);
      for (const count of perTenth) expect(count).toBeGreaterThan(150);

      await store.syncFeeds([...many, feedSource('late')], at(1));
      expect((await store.feedState('late'))?.nextAttemptAt?.getTime()).toBeLessThanOrEqual(at(1 + 50).getTime());
    });

    it('claims due feeds once, most overdue first, up to the limit; not a leased one', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a'), feedSource('b'), feedSource('c')], T0);
      await store.recordFeedNotModified('c', { at: T0, nextAttemptAt: at(300_000) });
      const first = await store.claimDueFeeds(claim('w1', at(1000), 1));
      expect(first).toHaveLength(1);
      const second = await store.claimDueFeeds(claim('w2', at(1000)));
      expect(ids([...first, ...second])).toEqual(['a', 'b']);
      expect(await store.claimDueFeeds(claim('w3', at(2000)))).toEqual([]);
    });

    it('returns what the poll needs with the claim (validators, baselined): no second read', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      await store.saveItems('a', batch([], { fetch: { at: T0, etag: '"e1"', lastModified: null, nextAttemptAt: T0, title: null } }));
      const [state] = await store.claimDueFeeds(claim('w1', at(1)));
      expect(state).toMatchObject({ feedId: 'a', etag: '"e1"', baselined: true });
    });

    it('ends the lease when the outcome is recorded; the feed is due again at its next attempt', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      await store.claimDueFeeds(claim('w1', at(1000)));
      await store.recordFeedFailure('a', { at: at(1500), error: 'HTTP 500', nextAttemptAt: at(5000) });
      expect(await store.claimDueFeeds(claim('w2', at(4999)))).toEqual([]);
      expect(ids(await store.claimDueFeeds(claim('w2', at(5000))))).toEqual(['a']);
    });

    it('lets another worker take over a dead worker’s feeds once the lease lapses, and gives leases back on request', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a'), feedSource('b')], T0);
      expect(await store.claimDueFeeds(claim('dead', at(1000)))).toHaveLength(2);
      expect(await store.claimDueFeeds(claim('w2', at(1000 + LEASE - 1)))).toEqual([]);
      expect(ids(await store.claimDueFeeds(claim('w2', at(1000 + LEASE + 1))))).toEqual(['a', 'b']);
      await store.releaseFeedLeases('w2');
      expect(ids(await store.claimDueFeeds(claim('w3', at(1000 + LEASE + 2))))).toEqual(['a', 'b']);
    });

    it('gives back only the named leases when asked (a feed this worker has not loaded yet)', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a'), feedSource('b')], T0);
      expect(await store.claimDueFeeds(claim('w1', at(1000)))).toHaveLength(2);
      await store.releaseFeedLeases('w1', ['b']);
      await store.releaseFeedLeases('w1', []);
      expect(ids(await store.claimDueFeeds(claim('w2', at(1001))))).toEqual(['b']);
    });

    it('never claims a feed that left the list, until it is listed again', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a'), feedSource('b')], T0);
      await store.syncFeeds([feedSource('b')], at(1));
      expect(ids(await store.claimDueFeeds(claim('w1', at(1000))))).toEqual(['b']);
      await store.syncFeeds([feedSource('a'), feedSource('b')], at(2));
      expect(ids(await store.claimDueFeeds(claim('w1', at(2000))))).toEqual(['a']);
      expect((await store.listFeedStates()).map((s) => s.feedId)).toEqual(['a', 'b']);
    });

    it('hands each feed to exactly one of several workers claiming at once', async () => {
      const store = stores.store();
      const feeds = Array.from({ length: 300 }, (_, i) => feedSource(`f${i}`, { intervalSeconds: 1 }));
      await store.syncFeeds(feeds, T0);
      const workers = await Promise.all([store, await stores.open(stores.options()), await stores.open(stores.options())].map(async (s) => s));
      const claims = await Promise.all(
        workers.flatMap((s, w) => Array.from({ length: 4 }, () => s.claimDueFeeds(claim(`w${w}`, at(5000), 40)))),
      );
      const claimed = claims.flat().map((s) => s.feedId);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.length).toBe(300);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`named leases (${dialect.name})`, () => {
    const stores = useStores(dialect);

    it('has one holder at a time; the holder renews; another takes over once it lapses or is released', async () => {
      const store = stores.store();
      const other = await stores.open(stores.options());
      expect(await store.acquireLease('chat', 'w1', at(0), 1000)).toBe(true);
      expect(await other.acquireLease('chat', 'w2', at(500), 1000)).toBe(false);
      expect(await store.acquireLease('chat', 'w1', at(900), 1000)).toBe(true); // renewed until 1900
      expect(await other.acquireLease('chat', 'w2', at(1500), 1000)).toBe(false);
      expect(await other.acquireLease('chat', 'w2', at(1901), 1000)).toBe(true); // lapsed: taken over
      expect(await store.acquireLease('chat', 'w1', at(2000), 1000)).toBe(false);
      await other.releaseLease('chat', 'w2');
      expect(await store.acquireLease('chat', 'w1', at(2001), 1000)).toBe(true);
      expect(await other.acquireLease('other-work', 'w2', at(2001), 1000)).toBe(true);
    });

    it('gives the lease to exactly one of several workers asking at once', async () => {
      const handles = [stores.store(), await stores.open(stores.options()), await stores.open(stores.options())];
      const won = await Promise.all(handles.flatMap((s, w) => [0, 1].map(() => s.acquireLease('chat', `w${w}`, at(0), 1000))));
      const winners = new Set(handles.flatMap((_, w) => (won[w * 2] === true || won[w * 2 + 1] === true ? [w] : [])));
      expect(winners.size).toBe(1);
    });
  });
}
