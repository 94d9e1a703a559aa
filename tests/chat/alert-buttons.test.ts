// Alerts posted by the bots carry the "Mute rule 1 h" button (and Discord's "Open" link), through
// the real discord.js and Slack Web API clients against the emulators.
import { afterEach, expect, test } from 'vitest';
import { createDiscordBotSink } from '../../src/chat/discord/discord-bot-sink.ts';
import { createDiscordRest } from '../../src/chat/discord/discord-rest.ts';
import { parseMuteButton } from '../../src/chat/discord/slash-alert-buttons.ts';
import { createSlackBotSink } from '../../src/chat/slack/slack-bot-sink.ts';
import { createSlackClient } from '../../src/chat/slack/slack-client.ts';
import { MUTE_RULE_ACTION_ID } from '../../src/chat/slack/slash-alert-actions.ts';
import { startDiscordEmulator, type DiscordEmulator } from '../support/discord-emulator.ts';
import { startSlackEmulator, type SlackEmulator } from '../support/slack-emulator.ts';
import { makeAlert } from './alert-fixture.ts';

const closers: (DiscordEmulator | SlackEmulator)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((e) => e.close()));
});

test('a Discord alert carries the mute button for its rule and an Open link', async () => {
  const discord = await startDiscordEmulator({ channels: ['100000000000000001'] });
  closers.push(discord);
  const sink = createDiscordBotSink({ name: 'd', channelId: '100000000000000001', rest: createDiscordRest(discord.token, { api: discord.apiUrl, timeoutMs: 10_000 }) });
  const alert = makeAlert({ ruleId: 'iraq-rocket', link: 'https://news.example.org/a' });
  expect((await sink.send(alert, { nonce: 'ww-1', mention: null })).kind).toBe('sent');
  const post = discord.requests().find((r) => r.method === 'POST' && r.path.endsWith('/messages'));
  const rows = (post?.body as { components?: { components: { custom_id?: string; url?: string; label: string }[] }[] }).components ?? [];
  const buttons = rows.flatMap((row) => row.components);
  expect(buttons.map((b) => b.label)).toEqual(['Mute rule 1 h', 'Open']);
  expect(parseMuteButton(buttons[0]?.custom_id ?? '')).toBe('iraq-rocket');
  expect(buttons[1]?.url).toBe('https://news.example.org/a');
});

test('a Slack alert carries the mute button beside the article button', async () => {
  const slack = await startSlackEmulator({ channels: ['C0ALERTS'] });
  closers.push(slack);
  const sink = createSlackBotSink({ name: 's', channel: 'C0ALERTS', client: createSlackClient(slack.token, { apiUrl: slack.apiUrl, timeoutMs: 10_000 }) });
  expect((await sink.send(makeAlert({ ruleId: 'iraq-rocket' }), { nonce: 'ww-1', mention: null })).kind).toBe('sent');
  const [message] = slack.messages('C0ALERTS');
  const actions = (message?.blocks as { type: string; elements?: { action_id: string; value?: string }[] }[]).find((b) => b.type === 'actions');
  expect(actions?.elements?.map((e) => e.action_id)).toContain(MUTE_RULE_ACTION_ID);
  expect(actions?.elements?.find((e) => e.action_id === MUTE_RULE_ACTION_ID)?.value).toBe('iraq-rocket');
});
