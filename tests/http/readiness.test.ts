// Readiness: each failing check gives its reason; a closed database is reported, not thrown.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReadiness, OUTBOX_STUCK_AFTER_MS, type ReadinessProbe } from '../../src/http/readiness.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { DestinationBacklog } from '../../src/store/store.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);
const backlog = (pending: number, oldestAgoMs: number | null): DestinationBacklog => ({
  destination: 'discord',
  pending,
  failed: 0,
  sent: 3,
  oldestPendingAt: oldestAgoMs === null ? null : ago(oldestAgoMs),
});

const probe = (over: Partial<ReadinessProbe>): ReadinessProbe => ({
  backlog: async () => [],
  feedCount: () => 2,
  shortestIntervalSeconds: () => 60,
  lastPollAt: () => ago(5_000),
  lastSendAt: () => null,
  now: () => NOW,
  ...over,
});

describe('checkReadiness', () => {
  it.each<{ case: string; over: Partial<ReadinessProbe>; reasons: string[] }>([
    { case: 'polled recently, nothing pending', over: {}, reasons: [] },
    { case: 'no feeds at all: nothing to poll', over: { feedCount: () => 0, lastPollAt: () => null }, reasons: [] },
    { case: 'no poll yet', over: { lastPollAt: () => null }, reasons: ['no feed poll has completed yet'] },
    { case: 'polls within 3 intervals + 60 s', over: { lastPollAt: () => ago(239_000) }, reasons: [] },
    { case: 'polls stalled', over: { lastPollAt: () => ago(241_000) }, reasons: ['no feed poll has completed for 241 s'] },
    { case: 'a young backlog', over: { backlog: async () => [backlog(4, 60_000)] }, reasons: [] },
    {
      case: 'an old backlog still being worked on',
      over: { backlog: async () => [backlog(4, OUTBOX_STUCK_AFTER_MS + 1_000)], lastSendAt: () => ago(10_000) },
      reasons: [],
    },
    {
      case: 'an old backlog with no attempt',
      over: { backlog: async () => [backlog(4, OUTBOX_STUCK_AFTER_MS + 1_000)] },
      reasons: ['the outbox of discord is stuck: 4 alert(s) pending since 2026-12-01T10:59:59.000Z and no delivery attempt for 3600 s'],
    },
  ])('$case', async ({ over, reasons }) => {
    const readiness = await checkReadiness(probe(over));
    expect(readiness).toEqual(reasons.length === 0 ? { ready: true } : { ready: false, reasons });
  });

  it('says the database does not answer when the store is closed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wirewatch-ready-'));
    try {
      const store = await openStore({ url: join(dir, 'db.sqlite') });
      await store.migrate();
      await store.close();
      const readiness = await checkReadiness(probe({ backlog: () => store.outboxBacklog() }));
      expect(readiness.ready).toBe(false);
      expect(readiness.ready === false && readiness.reasons[0]).toMatch(/^the database does not answer \(.+\)$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
