// Discord (discord.js WebhookClient) and Slack (incoming webhook, fetch) webhook sinks against the emulators.
import { afterEach, describe, expect, test } from 'vitest';
import { createDiscordWebhookSink } from '../../src/chat/discord/discord-webhook-sink.ts';
import { createSlackWebhookSink } from '../../src/chat/slack/slack-webhook-sink.ts';
import type { ChatSink } from '../../src/chat/chat-sink.ts';
import { startDiscordEmulator } from '../support/discord-emulator.ts';
import type { DiscordEmulator } from '../support/discord-emulator.ts';
import { startSlackEmulator } from '../support/slack-emulator.ts';
import type { SlackEmulator } from '../support/slack-emulator.ts';
import { makeAlert } from './alert-fixture.ts';

const CHANNEL = '100000000000000001';

describe('Discord webhook', () => {
  let discord: DiscordEmulator;
  let sink: ChatSink;
  afterEach(async () => {
    sink.close?.();
    await discord.close();
  });

  async function setUp(hook?: { id: string; token: string }): Promise<{ id: string; token: string }> {
    discord = await startDiscordEmulator({ channels: [CHANNEL] });
    const registered = discord.addWebhook(CHANNEL);
    sink = createDiscordWebhookSink({ name: 'ops-hook', ...(hook ?? registered), api: discord.apiUrl, timeoutMs: 10_000 });
    return registered;
  }

  test('sends with ?wait=true, edits, and replies as a follow-up, pinging only the route role', async () => {
    await setUp();
    const sent = await sink.send(makeAlert({ summary: '@everyone look' }), { nonce: 'ww-42', mention: '<@&200000000000000002>' });
    const [message] = discord.messages(CHANNEL);
    expect(sent).toEqual({ kind: 'sent', messageId: message?.id });
    expect(discord.requests()[0]?.path).toMatch(/\/webhooks\/\d+\/[^/]+\?wait=true$/);
    expect(discord.requests()[0]?.headers.authorization).toBeUndefined();
    expect(message?.pinged).toEqual({ everyone: false, users: [], roles: ['200000000000000002'] });

    expect(await sink.edit(message?.id ?? '', makeAlert({ alsoReportedBy: ['AP'] }))).toEqual({ kind: 'sent', messageId: message?.id });
    expect(discord.messages(CHANNEL)[0]?.history).toHaveLength(1);
    expect(discord.messages(CHANNEL)[0]?.content).toBe('<@&200000000000000002>');

    expect((await sink.reply(message?.id ?? '', 'Death toll now 3')).kind).toBe('sent');
    expect(discord.messages(CHANNEL).map((m) => m.content)).toEqual(['<@&200000000000000002>', 'Death toll now 3']);
    expect(sink.capabilities).toEqual({ edit: true, threadedReplies: false });
  });

  test('a 429 is a retry with its delay and a 500 a retry', async () => {
    await setUp();
    discord.failNext(1, { status: 429, retryAfter: 30 });
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'retry', afterMs: 30_050 });
    discord.failNext(1, { status: 500 });
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'retry', afterMs: null });
    expect(discord.messages(CHANNEL)).toHaveLength(0);
  });

  test.each([
    ['an unknown webhook (404)', { id: '999999999999999999', token: 'x' }, 'HTTP 404 code 10015'],
    ['a wrong webhook token (401)', undefined, 'HTTP 401 code 50027'],
  ])('%s is permanent', async (_name, hook, reason) => {
    const registered = await setUp(hook);
    if (hook === undefined) {
      sink.close?.();
      sink = createDiscordWebhookSink({ name: 'ops-hook', id: registered.id, token: 'wrong', api: discord.apiUrl });
    }
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'permanent', reason: expect.stringContaining(reason) });
  });
});

describe('Slack incoming webhook', () => {
  let slack: SlackEmulator;
  afterEach(async () => {
    await slack.close();
  });

  async function setUp(): Promise<ChatSink> {
    slack = await startSlackEmulator({ channels: ['C0HOOK'] });
    return createSlackWebhookSink({ name: 'ops-slack-hook', url: slack.addWebhook('C0HOOK'), timeoutMs: 10_000 });
  }

  test('posts the alert; edit is unsupported; a reply is a follow-up message', async () => {
    const sink = await setUp();
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: '<!here>' })).toEqual({ kind: 'sent', messageId: '' });
    expect(slack.messages('C0HOOK')).toHaveLength(1);
    expect(slack.messages('C0HOOK')[0]?.via).toBe('webhook');
    expect(await sink.edit('', makeAlert())).toMatchObject({ kind: 'permanent' });
    expect((await sink.reply('', 'Death toll now 3')).kind).toBe('sent');
    expect(slack.messages('C0HOOK').map((m) => m.text)[1]).toBe('Death toll now 3');
    expect(sink.capabilities).toEqual({ edit: false, threadedReplies: false });
  });

  test('429 is a retry with Retry-After, 5xx a retry, an unknown hook permanent', async () => {
    const sink = await setUp();
    slack.failNext(1, { status: 429, retryAfter: 30 });
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toEqual({ kind: 'retry', afterMs: 30_000, reason: 'slack webhook: rate limited' });
    slack.failNext(1, { status: 503 });
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'retry', afterMs: null });
    const unknown = createSlackWebhookSink({ name: 'gone', url: `${slack.origin}/services/T0/B0/nope` });
    expect(await unknown.send(makeAlert(), { nonce: 'ww-42', mention: null })).toEqual({ kind: 'permanent', reason: 'slack webhook: HTTP 404 no_service' });
  });

  test('a short 429 is waited out and the alert goes out', async () => {
    const sink = await setUp();
    slack.failNext(1, { status: 429, retryAfter: 1 });
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toEqual({ kind: 'sent', messageId: '' });
    expect(slack.requests().map((r) => r.status)).toEqual([429, 200]);
  });

  test('a stalled or refused webhook is a retry', async () => {
    await setUp();
    slack.stallNext(1, 1000);
    const slow = createSlackWebhookSink({ name: 'slow', url: slack.addWebhook('C0HOOK'), timeoutMs: 200 });
    expect(await slow.send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'retry', afterMs: null });
    const refused = createSlackWebhookSink({ name: 'refused', url: 'http://127.0.0.1:1/services/T/B/x', timeoutMs: 10_000 });
    expect(await refused.send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'retry', afterMs: null });
  });
});
