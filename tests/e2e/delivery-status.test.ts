// `wirewatch status` through the real command: feeds healthy and failing, alerts today, the outbox
// backlog per destination with the latest permanent failures, destinations not set up, version.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { formatStatus, readStatus } from '../../src/cli/status-command.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { readEnv } from '../../src/config/env.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-status-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('shows feeds, alerts today, backlog, permanent failures and destinations not set up', async () => {
  const database = join(dir, 'wirewatch.db');
  const yaml = [
    `database: ${database}`,
    'feeds:',
    '  - { id: good, url: "https://good.example/rss" }',
    '  - { id: bad, url: "https://bad.example/rss" }',
    '  - { id: new, url: "https://new.example/rss" }',
    'destinations:',
    '  - { name: console, type: console }',
    '  - { name: ops, type: discord, tokenEnv: OPS_DISCORD_TOKEN, channel: "100000000000000001" }',
  ].join('\n');
  const parsed = parseConfig(yaml, join(dir, 'wirewatch.yaml'), readEnv({}), dir);
  if (parsed.kind === 'invalid') throw new Error(parsed.message);
  const { config } = parsed;

  const now = new Date();
  const store = await openStore({ url: database });
  await store.migrate();
  await store.syncFeeds(config.feeds, now);
  const fetch = { at: now, etag: null, lastModified: null, nextAttemptAt: now, title: 'Good Wire' };
  const item = (key: string) => ({ key, title: `Title ${key}`, body: 'Body.', link: null, published: now, publishedEstimated: false, source: 'Good Wire' });
  const alert = { ruleId: 'r1', matched: [], summary: 's', facts: null, storyId: 'st' };
  await store.saveItems('good', { fetch, destinations: ['console'], entries: ['k1', 'k2', 'k3'].map((k) => ({ item: item(k), alerts: [{ ...alert, storyId: k }] })) });
  await store.recordFeedFailure('bad', { at: now, error: 'HTTP 503', nextAttemptAt: now });
  const [first] = await store.claimDeliveries('console', now, 1, 60_000);
  await store.markFailed(first?.outboxId ?? -1, now, 'discord: HTTP 403 code 50001 Missing Access');
  await store.close();

  const report = await readStatus(config, now);
  expect(report).toMatchObject({
    version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    feeds: { total: 3, ok: 1, failing: 1, neverPolled: 1, failingFeeds: [{ id: 'bad', error: 'HTTP 503', failures: 1 }] },
    alertsToday: 3,
    outbox: [{ destination: 'console', pending: 2, failed: 1, sent: 0 }],
    notSetUp: [{ name: 'ops', missing: ['OPS_DISCORD_TOKEN'] }],
    recentFailures: [{ destination: 'console', title: 'Title k1', error: 'discord: HTTP 403 code 50001 Missing Access' }],
  });
  const text = formatStatus(report);
  expect(text).toContain('feeds: 3 (1 ok, 1 failing, 1 never polled)');
  expect(text).toContain('  ✗ bad: HTTP 503 (1 in a row)');
  expect(text).toContain('alerts today (UTC): 3');
  expect(text).toMatch(/ {2}console: 2 pending \(oldest since .+\), 1 failed, 0 sent/);
  expect(text).toContain('not set up: ops (set OPS_DISCORD_TOKEN)');
  expect(text).toContain('"Title k1": discord: HTTP 403 code 50001 Missing Access');
});
