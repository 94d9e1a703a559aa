// The real `wirewatch run` in a child process, killed with SIGKILL while a Discord post is in
// flight (the emulator stalls it), then restarted: every alert arrives, none twice (the resend
// carries the same nonce with enforce_nonce, so Discord answers with the first message).
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { startDiscordEmulator, type DiscordEmulator } from '../support/discord-emulator.ts';
import { rss } from './delivery-harness.ts';
import { waitFor, workerProcesses } from '../support/worker-processes.ts';

const DCH = '100000000000000001';
const TITLES = Array.from({ length: 6 }, (_, i) => `Attack report ${i}`);

let feeds: FeedServer;
let discord: DiscordEmulator;
let dir: string;
const workers = workerProcesses();

beforeEach(async () => {
  feeds = await startFeedServer();
  discord = await startDiscordEmulator({ channels: [DCH] });
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-crash-'));
});
afterEach(async () => {
  workers.killAll();
  await Promise.all([feeds.close(), discord.close()]);
  await rm(dir, { recursive: true, force: true });
});

function startWorker(config: string): ChildProcess {
  return workers.start(config, dir, { DISCORD_TOKEN: discord.token, DISCORD_CHANNEL_ID: DCH, WIREWATCH_DISCORD_API: discord.apiUrl });
}

const posts = () => discord.requests().filter((r) => r.method === 'POST' && r.path.endsWith(`/channels/${DCH}/messages`));
const titles = () => discord.messages(DCH).map((m) => (m.embeds[0] as { title: string }).title);

it('loses nothing and doubles nothing on Discord when killed mid-delivery and restarted', { timeout: 120_000 }, async () => {
  feeds.route('/wire.xml', serveBody(rss(TITLES.map((title, i) => ({ guid: `g${i}`, title, published: new Date(Date.UTC(2026, 2, 2, 10, i)) })))));
  const config = join(dir, 'wirewatch.yaml');
  await writeFile(
    config,
    [
      `database: ${join(dir, 'wirewatch.db')}`,
      // The restarted worker waits for the killed one's feed lease to lapse: keep it short.
      'fetch: { timeout: 3s, lease: 4s }',
      'feeds:',
      `  - { id: wire, url: "${feeds.url('/wire.xml')}", interval: 1, backfill: 6 }`,
      'rules:',
      '  - { id: attacks, query: attack }',
      'destinations:',
      '  - { name: discord, type: discord, timeout: 2s }',
    ].join('\n'),
  );

  const first = startWorker(config);
  await waitFor('two alerts posted', () => posts().filter((r) => r.status === 200).length >= 2, 60_000);
  discord.stallNext(1, 4_000);
  await waitFor('a post in flight', () => posts().some((r) => r.status === 0), 30_000);
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));
  const before = titles().length;
  expect(before).toBeLessThan(TITLES.length);

  startWorker(config);
  await waitFor('every alert posted', () => titles().length >= TITLES.length, 90_000);
  await new Promise((resolve) => setTimeout(resolve, 1_500)); // anything doubled would show by now
  expect(titles()).toEqual(TITLES);
  // The in-flight alert was sent again after the restart, with the same nonce.
  const nonces = posts().map((r) => (r.body as { nonce?: string; enforce_nonce?: boolean }).nonce);
  expect(nonces.length).toBeGreaterThan(new Set(nonces).size);
  expect(posts().every((r) => (r.body as { enforce_nonce?: boolean }).enforce_nonce === true)).toBe(true);
});
