// Rules and mutes changed through the /news command core reach the running worker without a
// restart: the real composition root (openApp), store, settings tables, HTTP and rules.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/run-command.ts';
import type { CommandContext } from '../../src/commands/command-deps.ts';
import type { OpenApp } from '../../src/app/open-app.ts';
import { openTestWorker } from '../support/open-test-worker.ts';
import { runOnce } from '../../src/worker/run-worker.ts';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';

const WORLD = await readFile(new URL('../fixtures/e2e/world-news.xml', import.meta.url), 'utf8');
const WORLD_BEFORE = WORLD.replace(/<item>\s*<title>Contractor killed[\s\S]*?<\/item>/, '');
// Another incident (another city and day): a repost of the first under a new guid would be no news at all.
const SECOND = WORLD.replace('wire-2019-12-27-kirkuk', 'wire-2019-12-28-basra')
  .replace('kirkuk-rocket-attack#top', 'basra-rocket-attack')
  .replace(/Kirkuk/g, 'Basra')
  .replace('on Friday', 'on Saturday');

let dir: string;
let server: FeedServer;
let worker: OpenApp;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-live-'));
  server = await startFeedServer();
  server.route('/world.xml', serveBody(WORLD_BEFORE));
  worker = await openTestWorker(dir, ['feeds:', `  - { id: world, url: "${server.url('/world.xml')}" }`, 'destinations:', '  - { name: console, type: console }']);
});

afterAll(async () => {
  await worker.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const manager: CommandContext = { user: 'U1', canManage: true, channel: null, now: new Date() };
const alertsOf = (outcome: unknown): number => (outcome as { alerts?: number }).alerts ?? 0;

it('applies a rule added from chat, then honours a mute, without a restart', async () => {
  await runOnce(worker.deps); // baseline
  expect(worker.deps.rules().size).toBe(0);

  const added = await runCommand({ name: 'rules add', id: 'kirkuk', query: '"rocket attack" AND Iraq' }, manager, worker.commands);
  expect(added.error).toBeFalsy();
  await worker.deps.reload?.();
  expect(worker.deps.rules().size).toBe(1);

  server.route('/world.xml', serveBody(WORLD));
  const first = await runOnce(worker.deps);
  expect(alertsOf(first.outcomes.get('world'))).toBe(1);

  const muted = await runCommand({ name: 'mute', rule: 'kirkuk', duration: '1h' }, { ...manager, now: new Date() }, worker.commands);
  expect(muted.error).toBeFalsy();
  await worker.deps.reload?.();
  server.route('/world.xml', serveBody(SECOND));
  const second = await runOnce(worker.deps);
  expect(second.outcomes.get('world')).toMatchObject({ kind: 'updated', newItems: 1, alerts: 0 });
});
