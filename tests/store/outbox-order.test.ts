// The outbox's delivery-side features against every dialect: order held behind retries, rows given
// back or re-timed, digest and age filters, story messages, and the figures `wirewatch status` shows.
import { describe, expect, it } from 'vitest';
import type { Delivery, Store } from '../../src/store/store.ts';
import { DIALECTS, POSTGRES_SKIP_REASON, POSTGRES_URL, useStores } from './dialects.ts';
import { alert, at, batch, entry, feedSource, T0 } from './fixtures.ts';

const LEASE = 60_000;
const D = 'discord:ops';

async function seed(store: Store, n: number, destinations: readonly string[] = [D]): Promise<void> {
  await store.syncFeeds([feedSource('a')], T0);
  await store.saveItems('a', batch(Array.from({ length: n }, (_, i) => entry(`k${i}`, [alert('r1', { storyId: `s${i}` })])), { destinations }));
}

const keys = (ds: readonly Delivery[]): string[] => ds.map((d) => d.alert.itemKey);

async function claimOne(store: Store, now: Date): Promise<Delivery> {
  const [d] = await store.claimDeliveries(D, now, 1, LEASE);
  if (d === undefined) throw new Error('test: nothing claimed');
  return d;
}

for (const dialect of DIALECTS) {
  describe(`outbox order and routing (${dialect.name})`, () => {
    const stores = useStores(dialect);

    it('holds later rows of a destination behind a row waiting for its retry, and not others', async () => {
      const store = stores.store();
      await seed(store, 3, [D, 'slack:news']);
      const first = await claimOne(store, at(1));
      await store.markRetry(first.outboxId, at(2), at(5_000), 'HTTP 429');
      expect(await store.claimDeliveries(D, at(3), 10, LEASE)).toEqual([]);
      expect(keys(await store.claimDeliveries('slack:news', at(3), 10, LEASE))).toEqual(['k0', 'k1', 'k2']);
      expect(keys(await store.claimDeliveries(D, at(5_000), 10, LEASE))).toEqual(['k0', 'k1', 'k2']);
    });

    it('releaseDeliveries gives rows back as they were, not counted as an attempt', async () => {
      const store = stores.store();
      await seed(store, 3);
      const claimed = await store.claimDeliveries(D, at(1), 3, LEASE);
      await store.releaseDeliveries(claimed.slice(1).map((d) => d.outboxId));
      await store.markDelivered(claimed[0]?.outboxId ?? -1, at(2), 'm');
      const again = await store.claimDeliveries(D, at(3), 10, LEASE);
      expect(keys(again)).toEqual(['k1', 'k2']);
      expect(again.map((d) => d.attempts)).toEqual([1, 1]);
    });

    it('rescheduleDelivery re-times a row (quiet hours) or folds it into the digest without blocking later rows', async () => {
      const store = stores.store();
      await seed(store, 3);
      const [a, b] = await store.claimDeliveries(D, at(1), 2, LEASE);
      await store.rescheduleDelivery(a?.outboxId ?? -1, { dueAt: at(3_600_000) });
      await store.rescheduleDelivery(b?.outboxId ?? -1, { dueAt: at(900_000), kind: 'digest' });
      const [c] = await store.claimDeliveries(D, at(2), 10, LEASE);
      expect(c?.alert.itemKey).toBe('k2');
      await store.markDelivered(c?.outboxId ?? -1, at(3), 'm');
      expect(await store.claimDeliveries(D, at(900_000), 10, LEASE, { kind: 'post' })).toEqual([]);
      const digest = await store.claimDeliveries(D, at(900_000), 10, LEASE, { kind: 'digest' });
      expect(digest.map((d) => [d.alert.itemKey, d.kind, d.attempts])).toEqual([['k1', 'digest', 1]]);
      expect((await claimOne(store, at(3_600_000))).alert.itemKey).toBe('k0');
    });

    it('claims only rows waiting since a time when asked (the missed-while-down digest), not those delayed on purpose', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      await store.saveItems('a', batch([entry('old', [alert('r1')])]));
      await store.saveItems('a', batch([entry('new', [alert('r1')])], { fetch: { at: at(600_000), etag: null, lastModified: null, nextAttemptAt: at(900_000), title: null } }));
      const [old] = await store.claimDeliveries(D, at(700_000), 10, LEASE, { waitingSince: at(300_000) });
      expect(old?.alert.itemKey).toBe('old');
      // Quiet hours moved "old" to 800 s: from then on it waits since 800 s, not since its creation.
      await store.rescheduleDelivery(old?.outboxId ?? -1, { dueAt: at(800_000) });
      expect(await store.claimDeliveries(D, at(900_000), 10, LEASE, { waitingSince: at(300_000) })).toEqual([]);
      // A retrying row counts from its creation, whatever its next attempt.
      const [retried] = await store.claimDeliveries(D, at(900_000), 1, LEASE);
      await store.markRetry(retried?.outboxId ?? -1, at(900_000), at(950_000), 'HTTP 503');
      expect(keys(await store.claimDeliveries(D, at(950_000), 10, LEASE, { waitingSince: at(300_000) }))).toEqual(['old']);
    });

    it('dropDelivery removes a pending row no route wants', async () => {
      const store = stores.store();
      await seed(store, 2);
      const d = await claimOne(store, at(1));
      await store.dropDelivery(d.outboxId);
      expect(await store.outboxCounts()).toEqual({ pending: 1, failed: 0, sent: 0 });
      expect(keys(await store.claimDeliveries(D, at(2), 10, LEASE))).toEqual(['k1']);
    });

    it('records the story message with a post, and hands it to the story’s later alerts in that destination only', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      const facts = { places: [{ name: 'Kirkuk', country: 'IQ' }], killed: 1, injured: null, when: null, attribution: null };
      await store.saveItems('a', batch([entry('k0', [alert('r1', { storyId: 'st', facts })])], { destinations: [D, 'slack:news'] }));
      const first = await claimOne(store, at(1));
      expect(first.storyMessage).toBeNull();
      await store.markDelivered(first.outboxId, at(2), 'msg-1', { storyId: 'st', messageId: 'msg-1', alertId: first.alert.id, facts, alsoReportedBy: [] });

      const more = { ...facts, killed: 3 };
      await store.saveItems('a', batch([entry('k1', [alert('r1', { storyId: 'st', facts: more, followUp: true, sources: ['Example News', 'Wire B'], update: { killed: { from: 1, to: 3 }, injured: null, newPlaces: [] } })], { source: 'Wire B' })], { destinations: [D, 'slack:news'] }));
      const followUp = await claimOne(store, at(3));
      // The outlets other than the alert's own source ("Wire B" here) are "also reported by".
      expect(followUp).toMatchObject({ storyUpdate: { killed: { from: 1, to: 3 }, injured: null, newPlaces: [] }, alert: { itemKey: 'k1', alsoReportedBy: ['Example News'], facts: more } });
      expect(followUp.storyMessage).toMatchObject({ messageId: 'msg-1', alert: { id: first.alert.id, itemKey: 'k0', facts, alsoReportedBy: [] } });
      await store.markDelivered(followUp.outboxId, at(4), 'msg-1', { storyId: 'st', messageId: 'msg-1', alertId: first.alert.id, facts: more, alsoReportedBy: ['Wire B'] });

      const slack = await store.claimDeliveries('slack:news', at(5), 10, LEASE);
      expect(slack.map((d) => d.storyMessage)).toEqual([null, null]);

      await store.saveItems('a', batch([entry('k2', [alert('r1', { storyId: 'st' })])]));
      const third = await claimOne(store, at(6));
      expect(third.storyMessage).toMatchObject({ messageId: 'msg-1', alert: { itemKey: 'k0', facts: more, alsoReportedBy: ['Wire B'] } });
    });

    it('counts own posts per rule since a time, and alerts since a time', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      await store.saveItems('a', batch([entry('k0', [alert('r1'), alert('r2')]), entry('k1', [alert('r1')]), entry('k2', [alert('r1')])]));
      const claimed = await store.claimDeliveries(D, at(1), 4, LEASE);
      await store.markDelivered(claimed[0]?.outboxId ?? -1, at(10), 'a');
      await store.markDelivered(claimed[1]?.outboxId ?? -1, at(20), 'b');
      await store.markDelivered(claimed[2]?.outboxId ?? -1, at(30), 'c');
      await store.rescheduleDelivery(claimed[3]?.outboxId ?? -1, { dueAt: at(40), kind: 'digest' });
      const [digested] = await store.claimDeliveries(D, at(40), 1, LEASE);
      await store.markDelivered(digested?.outboxId ?? -1, at(50), 'digest');
      expect(Object.fromEntries(await store.countPostsSince(D, at(15)))).toEqual({ r1: 1, r2: 1 });
      expect(Object.fromEntries(await store.countPostsSince(D, at(0)))).toEqual({ r1: 2, r2: 1 });
      expect(await store.countAlertsSince(T0)).toBe(4);
      expect(await store.countAlertsSince(at(1))).toBe(0);
    });

    it('reports the backlog per destination and the latest permanent failures', async () => {
      const store = stores.store();
      await seed(store, 3, [D, 'slack:news']);
      const [a, b] = await store.claimDeliveries(D, at(1), 2, LEASE);
      await store.markFailed(a?.outboxId ?? -1, at(2), 'discord: HTTP 403 code 50001 Missing Access');
      await store.markDelivered(b?.outboxId ?? -1, at(3), 'm');
      const [c] = await store.claimDeliveries('slack:news', at(4), 1, LEASE);
      await store.markFailed(c?.outboxId ?? -1, at(5), 'slack: channel_not_found');
      expect(await store.outboxBacklog()).toEqual([
        { destination: D, pending: 1, failed: 1, sent: 1, oldestPendingAt: T0 },
        { destination: 'slack:news', pending: 2, failed: 1, sent: 0, oldestPendingAt: T0 },
      ]);
      const failures = await store.recentFailures(10);
      expect(failures.map((f) => [f.destination, f.error, f.title, f.at])).toEqual([
        ['slack:news', 'slack: channel_not_found', 'Title k0', at(5)],
        [D, 'discord: HTTP 403 code 50001 Missing Access', 'Title k0', at(2)],
      ]);
      expect(await store.recentFailures(1)).toHaveLength(1);
    });
  });
}

if (POSTGRES_URL === null) {
  describe.skip(POSTGRES_SKIP_REASON, () => {
    it('outbox order and routing (postgres)', () => {});
  });
}
