// A follow-up of an incident already alerted in a channel edits the original message ("also
// reported by", the new toll) and replies in its thread, on Discord and Slack; never a new post.
// Facts extraction and story clustering are the real stages.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runOnce } from '../../src/worker/run-worker.ts';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { startDiscordEmulator, type DiscordEmulator } from '../support/discord-emulator.ts';
import { startSlackEmulator, type SlackEmulator } from '../support/slack-emulator.ts';
import { createTestClock, openTestWorker, rss, type TestWorker } from './delivery-harness.ts';

const DCH = '100000000000000001';
const SCH = 'C0ALERTS';

let feeds: FeedServer;
let discord: DiscordEmulator;
let slack: SlackEmulator;
let worker: TestWorker | null = null;

beforeEach(async () => {
  feeds = await startFeedServer();
  discord = await startDiscordEmulator({ channels: [DCH] });
  slack = await startSlackEmulator({ channels: [SCH] });
});
afterEach(async () => {
  await worker?.close();
  worker = null;
  await Promise.all([feeds.close(), discord.close(), slack.close()]);
});

it('edits the original message and threads a reply when a follow-up raises the toll', async () => {
  feeds.route('/a.xml', serveBody(rss([], 'Wire A')));
  feeds.route('/b.xml', serveBody(rss([], 'Wire B')));
  worker = await openTestWorker(
    [
      'feeds:',
      `  - { id: a, url: "${feeds.url('/a.xml')}" }`,
      `  - { id: b, url: "${feeds.url('/b.xml')}" }`,
      'rules:',
      '  - { id: iraq, query: "rocket attack" }',
    ].join('\n'),
    { DISCORD_TOKEN: discord.token, DISCORD_CHANNEL_ID: DCH, WIREWATCH_DISCORD_API: discord.apiUrl, SLACK_BOT_TOKEN: slack.token, SLACK_CHANNEL: SCH, WIREWATCH_SLACK_API: slack.apiUrl },
    createTestClock(),
  );
  await runOnce(worker.deps);

  feeds.route('/a.xml', serveBody(rss([{ guid: 'a1', title: 'Rocket attack on base in Kirkuk: 1 killed' }], 'Wire A')));
  await runOnce(worker.deps);
  expect(discord.messages(DCH)).toHaveLength(1);

  feeds.route('/b.xml', serveBody(rss([{ guid: 'b1', title: 'Rocket attack in Kirkuk: toll rises, 3 killed' }], 'Wire B')));
  await runOnce(worker.deps);

  const [original] = discord.messages(DCH);
  expect(discord.messages(DCH)).toHaveLength(1);
  expect(original?.history).toHaveLength(1);
  const embed = original?.embeds[0] as { title: string; fields: { name: string; value: string }[] };
  expect(embed.title).toBe('Rocket attack on base in Kirkuk: 1 killed');
  expect(embed.fields).toContainEqual(expect.objectContaining({ name: 'Also reported by', value: 'Wire B' }));
  expect(embed.fields).toContainEqual(expect.objectContaining({ name: 'Casualties', value: '3 killed' }));
  expect(original?.thread).not.toBeNull();
  const thread = discord.messages(original?.id ?? '');
  // As displayed: the renderer escapes markdown with backslashes, which Discord hides.
  expect(thread.map((m) => m.content.replace(/\\(.)/g, '$1'))).toEqual(['Death toll rises to 3 (was 1). Reported by Wire B.']);

  const [slackOriginal] = slack.messages(SCH);
  expect(slack.messages(SCH)).toHaveLength(1);
  expect(slackOriginal?.history).toHaveLength(1);
  expect(slackOriginal?.text).toContain('Rocket attack on base in Kirkuk');
  expect(JSON.stringify(slackOriginal?.blocks)).toContain('Wire B');
  expect(slack.replies(SCH, slackOriginal?.ts ?? '').map((m) => m.text)).toEqual([expect.stringContaining('Death toll rises to 3 (was 1)')]);

  // A third report from an outlet already listed, with no new toll, changes nothing: no edit, no reply.
  feeds.route('/a.xml', serveBody(rss([{ guid: 'a2', title: 'Rocket attack in Kirkuk: 2 killed, officials say' }, { guid: 'a1', title: 'Rocket attack on base in Kirkuk: 1 killed' }], 'Wire A')));
  await runOnce(worker.deps);
  expect(discord.messages(DCH)).toHaveLength(1);
  expect(discord.messages(DCH)[0]?.history).toHaveLength(1);
  expect(discord.messages(original?.id ?? '')).toHaveLength(1);
  expect((discord.messages(DCH)[0]?.embeds[0] as typeof embed).fields).toContainEqual(expect.objectContaining({ name: 'Casualties', value: '3 killed' }));
  expect(await worker.store.outboxCounts()).toEqual({ pending: 0, failed: 0, sent: 4 });
});

it('does the same with the real describer (facts extraction and story clustering)', async () => {
  feeds.route('/a.xml', serveBody(rss([], 'Wire A')));
  feeds.route('/b.xml', serveBody(rss([], 'Wire B')));
  worker = await openTestWorker(
    ['feeds:', `  - { id: a, url: "${feeds.url('/a.xml')}" }`, `  - { id: b, url: "${feeds.url('/b.xml')}" }`, 'rules:', '  - { id: iraq, query: "rocket attack" }'].join('\n'),
    { DISCORD_TOKEN: discord.token, DISCORD_CHANNEL_ID: DCH, WIREWATCH_DISCORD_API: discord.apiUrl, SLACK_BOT_TOKEN: slack.token, SLACK_CHANNEL: SCH, WIREWATCH_SLACK_API: slack.apiUrl },
    createTestClock(),
  );
  await runOnce(worker.deps);
  const day = new Date();
  feeds.route('/a.xml', serveBody(rss([{ guid: 'a1', published: day, title: 'One killed in rocket attack on military base in Kirkuk', body: 'A rocket attack on a military base in Kirkuk, Iraq, killed one contractor on Friday, officials said. Several rockets struck the base near the city airport.' }], 'Wire A')));
  await runOnce(worker.deps);
  feeds.route('/b.xml', serveBody(rss([{ guid: 'b1', published: day, title: 'Three killed in rocket attack on military base in Kirkuk', body: 'A rocket attack on a military base in Kirkuk, Iraq, killed three people on Friday, officials said. Several rockets struck the base near the city airport.' }], 'Wire B')));
  await runOnce(worker.deps);
  const [original] = discord.messages(DCH);
  expect(discord.messages(DCH)).toHaveLength(1);
  expect(original?.history).toHaveLength(1);
  expect(JSON.stringify(original?.embeds)).toContain('Wire B');
  expect(discord.messages(original?.id ?? '').map((m) => m.content.replace(/\\(.)/g, '$1'))).toEqual([expect.stringContaining('Death toll rises to 3 (was 1)')]);
  expect(slack.messages(SCH)).toHaveLength(1);
  expect(slack.replies(SCH, slack.messages(SCH)[0]?.ts ?? '')).toHaveLength(1);
});
