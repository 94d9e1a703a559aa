// The outbox against every dialect: claim order and leases, retry/failed/sent, counts, concurrent claimers.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.ts';
import { DIALECTS, POSTGRES_SKIP_REASON, POSTGRES_URL, useStores } from './dialects.ts';
import { alert, at, batch, entry, feedSource, T0 } from './fixtures.ts';

const LEASE = 60_000;

/** Saves `n` items with one alert each, delivered to `destinations`. */
async function seed(store: Store, n: number, destinations: readonly string[] = ['discord:ops']): Promise<void> {
  await store.syncFeeds([feedSource('a')], T0);
  await store.saveItems('a', batch(Array.from({ length: n }, (_, i) => entry(`k${i}`, [alert('r1')])), { destinations }));
}

for (const dialect of DIALECTS) {
  describe(`outbox (${dialect.name})`, () => {
    const stores = useStores(dialect);

    it('claims due rows of one destination in outbox order, up to the limit', async () => {
      const store = stores.store();
      await seed(store, 5, ['discord:ops', 'slack:news']);
      expect(await store.claimDeliveries('discord:ops', at(-1), 10, LEASE)).toEqual([]); // not due before the fetch
      const first = await store.claimDeliveries('discord:ops', at(1), 3, LEASE);
      expect(first.map((d) => d.alert.itemKey)).toEqual(['k0', 'k1', 'k2']);
      expect(first.every((d) => d.destination === 'discord:ops' && d.attempts === 1)).toBe(true);
      const ids = first.map((d) => d.outboxId);
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);
      // Rows behind leased ones wait: order per destination.
      expect(await store.claimDeliveries('discord:ops', at(2), 10, LEASE)).toEqual([]);
      for (const id of ids) await store.markDelivered(id, at(2), `m${id}`);
      const rest = await store.claimDeliveries('discord:ops', at(2), 10, LEASE);
      expect(rest.map((d) => d.alert.itemKey)).toEqual(['k3', 'k4']);
      expect(await store.claimDeliveries('discord:ops', at(3), 10, LEASE)).toEqual([]);
      expect(await store.claimDeliveries('slack:news', at(3), 10, LEASE)).toHaveLength(5);
      expect(await store.claimDeliveries('nowhere', at(3), 10, LEASE)).toEqual([]);
      expect(await store.claimDeliveries('slack:news', at(3), 0, LEASE)).toEqual([]);
    });

    it('lets a claim expire after its lease, so an undelivered alert is sent after a restart', async () => {
      const store = stores.store();
      await seed(store, 1);
      const [claimed] = await store.claimDeliveries('discord:ops', at(1), 10, LEASE);
      expect(claimed?.attempts).toBe(1);
      expect(await store.claimDeliveries('discord:ops', at(1 + LEASE), 10, LEASE)).toEqual([]);

      // "Restart": a new connection to the same database, after the lease.
      const restarted = await stores.open(stores.options());
      const [again] = await restarted.claimDeliveries('discord:ops', at(2 + LEASE), 10, LEASE);
      expect(again?.outboxId).toBe(claimed?.outboxId);
      expect(again?.attempts).toBe(2);
      expect(await restarted.outboxCounts()).toEqual({ pending: 1, failed: 0, sent: 0 });
    });

    it('markDelivered takes the row out of the queue', async () => {
      const store = stores.store();
      await seed(store, 2);
      const [d] = await store.claimDeliveries('discord:ops', at(1), 1, LEASE);
      if (d === undefined) throw new Error('test: nothing claimed');
      await store.markDelivered(d.outboxId, at(2), '1234567890');
      expect(await store.outboxCounts()).toEqual({ pending: 1, failed: 0, sent: 1 });
      const later = await store.claimDeliveries('discord:ops', at(10 * LEASE), 10, LEASE);
      expect(later.map((x) => x.alert.itemKey)).toEqual(['k1']);
      await store.markDelivered(later[0]?.outboxId ?? -1, at(3), null);
      expect(await store.outboxCounts()).toEqual({ pending: 0, failed: 0, sent: 2 });
    });

    it('markRetry releases the claim until nextAttemptAt and keeps counting attempts', async () => {
      const store = stores.store();
      await seed(store, 1);
      const [d] = await store.claimDeliveries('discord:ops', at(1), 1, LEASE);
      if (d === undefined) throw new Error('test: nothing claimed');
      await store.markRetry(d.outboxId, at(2), at(5_000), 'HTTP 429');
      expect(await store.claimDeliveries('discord:ops', at(4_999), 10, LEASE)).toEqual([]);
      const [retried] = await store.claimDeliveries('discord:ops', at(5_000), 10, LEASE);
      expect(retried).toMatchObject({ outboxId: d.outboxId, attempts: 2 });
      expect(await store.outboxCounts()).toEqual({ pending: 1, failed: 0, sent: 0 });
    });

    it('markRetry before the lease ends makes the row due at nextAttemptAt, not at lease end', async () => {
      const store = stores.store();
      await seed(store, 1);
      const [d] = await store.claimDeliveries('discord:ops', at(1), 1, LEASE);
      await store.markRetry(d?.outboxId ?? -1, at(2), at(10), 'HTTP 503');
      expect(await store.claimDeliveries('discord:ops', at(10), 1, LEASE)).toHaveLength(1);
    });

    it('markFailed is permanent', async () => {
      const store = stores.store();
      await seed(store, 2);
      const [d] = await store.claimDeliveries('discord:ops', at(1), 1, LEASE);
      if (d === undefined) throw new Error('test: nothing claimed');
      await store.markFailed(d.outboxId, at(2), 'HTTP 404 Unknown Channel');
      expect(await store.outboxCounts()).toEqual({ pending: 1, failed: 1, sent: 0 });
      const later = await store.claimDeliveries('discord:ops', at(100 * LEASE), 10, LEASE);
      expect(later.map((x) => x.alert.itemKey)).toEqual(['k1']);
      // A late retry of a failed row does not bring it back.
      await store.markRetry(d.outboxId, at(3), at(4), 'late');
      expect(await store.outboxCounts()).toEqual({ pending: 1, failed: 1, sent: 0 });
    });

    it('never turns a sent row back into pending or failed', async () => {
      const store = stores.store();
      await seed(store, 1);
      const [d] = await store.claimDeliveries('discord:ops', at(1), 1, LEASE);
      if (d === undefined) throw new Error('test: nothing claimed');
      await store.markDelivered(d.outboxId, at(2), 'm1');
      await store.markRetry(d.outboxId, at(3), at(4), 'stale worker');
      await store.markFailed(d.outboxId, at(3), 'stale worker');
      expect(await store.outboxCounts()).toEqual({ pending: 0, failed: 0, sent: 1 });
      expect(await store.claimDeliveries('discord:ops', at(100 * LEASE), 10, LEASE)).toEqual([]);
    });

    it('rejects marks on rows that do not exist', async () => {
      const store = stores.store();
      await expect(store.markDelivered(999, T0, null)).rejects.toThrow(/store: unknown outbox row 999/);
      await expect(store.markRetry(999, T0, T0, 'x')).rejects.toThrow(/unknown outbox row/);
      await expect(store.markFailed(999, T0, 'x')).rejects.toThrow(/unknown outbox row/);
    });

    it('never gives the same row to two concurrent claimers', async () => {
      const rows = 60;
      await seed(stores.store(), rows);
      const workers = await Promise.all([1, 2, 3].map(() => stores.open(stores.options())));
      // Each worker delivers what it claims; a claim behind another's lease gets nothing, so the
      // workers take turns, and the order of delivery is the outbox order.
      const delivered: number[] = [];
      const claimUntilEmpty = async (store: Store): Promise<number[]> => {
        const mine: number[] = [];
        for (let idle = 0; idle < 50; ) {
          const batchOf = await store.claimDeliveries('discord:ops', at(1), 4, LEASE);
          if (batchOf.length === 0) {
            if ((await store.outboxCounts()).pending === 0) return mine;
            idle += 1;
            await new Promise((resolve) => setTimeout(resolve, 5));
            continue;
          }
          for (const d of batchOf) {
            delivered.push(d.outboxId);
            await store.markDelivered(d.outboxId, at(2), null);
          }
          mine.push(...batchOf.map((d) => d.outboxId));
        }
        return mine;
      };
      const claimed = await Promise.all(workers.map(claimUntilEmpty));
      const all = claimed.flat();
      expect(all).toHaveLength(rows);
      expect(new Set(all).size).toBe(rows);
      expect(delivered).toEqual([...delivered].sort((x, y) => x - y));
    });

    it('creates alerts once when two workers save the same new items at the same time', async () => {
      const store = stores.store();
      await store.syncFeeds([feedSource('a')], T0);
      // Postgres: two pools, so the transactions really overlap. SQLite: one connection per process
      // (better-sqlite3 blocks the event loop while it waits for a lock, so two connections in one
      // process would deadlock); the store serialises its own concurrent calls.
      const other = dialect.name === 'postgres' ? await stores.open(stores.options()) : store;
      const same = batch(Array.from({ length: 20 }, (_, i) => entry(`k${i}`, [alert('r1')])));
      const [x, y] = await Promise.all([store.saveItems('a', same), other.saveItems('a', same)]);
      expect((x?.length ?? 0) + (y?.length ?? 0)).toBe(20);
      expect(await store.outboxCounts()).toEqual({ pending: 20, failed: 0, sent: 0 });
    });
  });
}

if (POSTGRES_URL === null) {
  describe.skip(POSTGRES_SKIP_REASON, () => {
    it('outbox (postgres)', () => {});
  });
}
