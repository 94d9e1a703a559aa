// A channel subscribed with /news gets the rule's alerts through the real discord.js client, and a
// feed added from chat is polled with the SSRF guard on: the real composition root end to end.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/run-command.ts';
import type { CommandContext } from '../../src/commands/command-deps.ts';
import type { OpenApp } from '../../src/app/open-app.ts';
import { openTestWorker } from '../support/open-test-worker.ts';
import { runOnce } from '../../src/worker/run-worker.ts';
import { startDiscordEmulator, type DiscordEmulator } from '../support/discord-emulator.ts';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';

const WORLD = await readFile(new URL('../fixtures/e2e/world-news.xml', import.meta.url), 'utf8');
const WORLD_BEFORE = WORLD.replace(/<item>\s*<title>Contractor killed[\s\S]*?<\/item>/, '');
const CHANNEL = '300000000000000003';

let dir: string;
let server: FeedServer;
let discord: DiscordEmulator;
let worker: OpenApp;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-subscribe-'));
  server = await startFeedServer();
  discord = await startDiscordEmulator({ channels: [CHANNEL] });
  server.route('/world.xml', serveBody(WORLD_BEFORE));
  worker = await openTestWorker(
    dir,
    [
      'feeds:',
      `  - { id: world, url: "${server.url('/world.xml')}" }`,
      'rules:',
      `  - { id: iraq-rocket, query: '"rocket attack" AND Iraq' }`,
      'destinations:',
      '  - { name: console, type: console }',
    ],
    { DISCORD_TOKEN: discord.token, WIREWATCH_DISCORD_API: discord.apiUrl },
  );
});

afterAll(async () => {
  await worker.close();
  await discord.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

it('delivers a subscribed rule to the Discord channel it was subscribed from', async () => {
  await runOnce(worker.deps); // baseline
  const context: CommandContext = { user: 'U1', canManage: true, channel: { platform: 'discord', id: CHANNEL }, now: new Date() };
  const subscribed = await runCommand({ name: 'subscribe', rule: 'iraq-rocket', priority: 'normal' }, context, worker.commands);
  expect(subscribed.error).toBeFalsy();
  await worker.deps.reload?.();

  server.route('/world.xml', serveBody(WORLD));
  await runOnce(worker.deps);
  const posted = discord.messages(CHANNEL);
  expect(posted).toHaveLength(1);
  expect(JSON.stringify(posted[0]?.embeds)).toContain('Contractor killed in rocket attack on Iraqi base in Kirkuk');
});

it('polls a feed added from chat through the SSRF guard', async () => {
  server.route('/chat.xml', serveBody(WORLD));
  await worker.commands.settings.addFeed({ url: server.url('/chat.xml'), id: 'from-chat', title: null }, 'U1', new Date());
  await worker.deps.reload?.();
  expect(worker.deps.feeds().map((f) => f.id)).toContain('from-chat');
  const pass = await runOnce(worker.deps);
  const outcome = pass.outcomes.get('from-chat');
  expect(outcome?.kind).toBe('failed'); // 127.0.0.1 is not a public address
  expect(outcome?.kind === 'failed' && outcome.reason).toMatch(/not public|loopback|refused/i);
  expect(pass.outcomes.get('world')?.kind).not.toBe('failed');
});
