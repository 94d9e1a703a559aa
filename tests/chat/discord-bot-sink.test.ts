// The Discord bot sink through the real discord.js REST client against the loopback emulator.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createDiscordBotSink } from '../../src/chat/discord/discord-bot-sink.ts';
import { createDiscordRest } from '../../src/chat/discord/discord-rest.ts';
import type { DiscordRestOptions } from '../../src/chat/discord/discord-rest.ts';
import type { ChatSink, SendOutcome } from '../../src/chat/chat-sink.ts';
import { startDiscordEmulator } from '../support/discord-emulator.ts';
import type { DiscordEmulator, DiscordEmulatorOptions } from '../support/discord-emulator.ts';
import { makeAlert } from './alert-fixture.ts';
import { HOSTILE_SNIPPETS } from './hostile-text.ts';

const CHANNEL = '100000000000000001';
const ROLE = '200000000000000002';
let discord: DiscordEmulator;

async function setUp(opts: DiscordEmulatorOptions = {}, restOpts: DiscordRestOptions = {}): Promise<ChatSink> {
  discord = await startDiscordEmulator({ channels: [CHANNEL], ...opts });
  return sinkFor(CHANNEL, restOpts);
}

function sinkFor(channelId: string, restOpts: DiscordRestOptions = {}, token = discord.token): ChatSink {
  const rest = createDiscordRest(token, { api: discord.apiUrl, timeoutMs: 10_000, ...restOpts });
  return createDiscordBotSink({ name: 'ops-discord', channelId, rest });
}

function sentId(outcome: SendOutcome): string {
  if (outcome.kind !== 'sent') throw new Error(`expected sent, got ${JSON.stringify(outcome)}`);
  return outcome.messageId;
}

afterEach(async () => {
  await discord.close();
});

describe('send', () => {
  let sink: ChatSink;
  beforeEach(async () => {
    sink = await setUp();
  });

  test('posts an alert once, within limits, pinging only the route role', async () => {
    const outcome = await sink.send(makeAlert(), { nonce: 'ww-42', mention: `<@&${ROLE}>` });
    const [message] = discord.messages(CHANNEL);
    expect(outcome).toEqual({ kind: 'sent', messageId: message?.id });
    expect(discord.messages(CHANNEL)).toHaveLength(1);
    expect(message?.pinged).toEqual({ everyone: false, users: [], roles: [ROLE] });
    expect(message?.nonce).toBe('ww-42');
    const request = discord.requests()[0];
    expect(request?.headers.authorization).toBe(`Bot ${discord.token}`);
    expect(request?.body).toMatchObject({ nonce: 'ww-42', enforce_nonce: true });
  });

  test('a resend with the same nonce returns the first message instead of posting again', async () => {
    const first = await sink.send(makeAlert(), { nonce: 'ww-42', mention: null });
    const second = await sink.send(makeAlert(), { nonce: 'ww-42', mention: null });
    expect(second).toEqual(first);
    expect(discord.messages(CHANNEL)).toHaveLength(1);
    expect(discord.requests()).toHaveLength(2);
  });

  test('a request that times out but landed is not doubled by the retry', async () => {
    discord.stallNext(1, 600);
    const timedOut = await sinkFor(CHANNEL, { timeoutMs: 200 }).send(makeAlert(), { nonce: 'ww-42', mention: null });
    expect(timedOut).toMatchObject({ kind: 'retry', afterMs: null });
    await vi.waitFor(() => expect(discord.requests()[0]?.status).toBe(200), { timeout: 5000 });
    const retried = await sink.send(makeAlert(), { nonce: 'ww-42', mention: null });
    expect(retried).toEqual({ kind: 'sent', messageId: discord.messages(CHANNEL)[0]?.id });
    expect(discord.messages(CHANNEL)).toHaveLength(1);
  });

  test('hostile feed text is accepted by the emulator and pings nobody', async () => {
    const text = HOSTILE_SNIPPETS.join(' ');
    const outcome = await sink.send(makeAlert({ title: text.repeat(40), summary: text.repeat(40), source: text, alsoReportedBy: [text] }), { nonce: 'ww-7', mention: null });
    expect(outcome.kind).toBe('sent');
    expect(discord.messages(CHANNEL)[0]?.pinged).toEqual({ everyone: false, users: [], roles: [] });
  });

  test('a nonce longer than 25 characters is a bug in the caller', async () => {
    await expect(sink.send(makeAlert(), { nonce: 'x'.repeat(26), mention: null })).rejects.toThrow(/discord: send failed/);
    expect(discord.requests()).toHaveLength(0);
  });
});

describe('edit and reply', () => {
  test('edit patches the embed in place and keeps the ping text', async () => {
    const sink = await setUp();
    const id = sentId(await sink.send(makeAlert(), { nonce: 'ww-42', mention: `<@&${ROLE}>` }));
    const outcome = await sink.edit(id, makeAlert({ alsoReportedBy: ['AP'], facts: null }));
    expect(outcome).toEqual({ kind: 'sent', messageId: id });
    const [message] = discord.messages(CHANNEL);
    expect(message?.history).toHaveLength(1);
    expect(message?.content).toBe(`<@&${ROLE}>`);
    expect(JSON.stringify(message?.embeds)).toContain('Also reported by');
    expect(message?.edited_timestamp).not.toBeNull();
  });

  test('replies go into one thread started on the message', async () => {
    const sink = await setUp();
    const id = sentId(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null }));
    expect((await sink.reply(id, 'Death toll now 3 @everyone', { nonce: 'ww-42-r1' })).kind).toBe('sent');
    expect((await sink.reply(id, 'Claimed by a militia')).kind).toBe('sent');
    expect(discord.messages(CHANNEL)[0]?.thread).toEqual({ id, name: 'Story updates' });
    const replies = discord.messages(id);
    expect(replies.map((m) => m.content)).toEqual(['Death toll now 3 @\u200Beveryone', 'Claimed by a militia']);
    expect(replies.every((m) => !m.pinged.everyone)).toBe(true);
  });

  test('editing or replying to a message that is gone is permanent', async () => {
    const sink = await setUp();
    expect(await sink.edit('999999999999999999', makeAlert())).toMatchObject({ kind: 'permanent', reason: expect.stringContaining('10008') });
    expect(await sink.reply('999999999999999999', 'update')).toMatchObject({ kind: 'permanent', reason: expect.stringContaining('10008') });
  });
});

describe('failures', () => {
  test('a 429 with a long Retry-After comes back as a retry with that delay', async () => {
    const sink = await setUp();
    discord.failNext(1, { status: 429, retryAfter: 30 });
    // discord.js adds its 50 ms clock-skew offset to Retry-After.
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toEqual({ kind: 'retry', afterMs: 30_050, reason: 'discord: rate limited (/channels/:id/messages)' });
    expect(discord.requests()).toHaveLength(1);
    expect(discord.messages(CHANNEL)).toHaveLength(0);
  });

  test('a global 429 comes back as a retry', async () => {
    const sink = await setUp();
    discord.failNext(1, { status: 429, retryAfter: 30, global: true });
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'retry', reason: 'discord: rate limited (global)' });
  });

  test('a 429 with a short Retry-After is waited inside discord.js and the alert goes out', async () => {
    const sink = await setUp();
    discord.failNext(1, { status: 429, retryAfter: 0.2 });
    expect((await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).kind).toBe('sent');
    expect(discord.requests().map((r) => r.status)).toEqual([429, 200]);
  });

  test('an exhausted bucket is not even tried: discord.js reads the headers and we get a retry', async () => {
    const sink = await setUp({ routeLimit: { limit: 2, windowMs: 30_000 } });
    for (const id of [1, 2]) expect((await sink.send(makeAlert({ id }), { nonce: `ww-${id}`, mention: null })).kind).toBe('sent');
    const third = await sink.send(makeAlert({ id: 3 }), { nonce: 'ww-3', mention: null });
    expect(third).toMatchObject({ kind: 'retry' });
    expect(third.kind === 'retry' ? third.afterMs : 0).toBeGreaterThan(25_000);
    expect(discord.requests()).toHaveLength(2);
  });

  test.each([500, 502, 503] as const)('HTTP %i is a retry without delay', async (status) => {
    const sink = await setUp();
    discord.failNext(1, { status });
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'retry', afterMs: null });
    expect(discord.requests()).toHaveLength(1);
  });

  test('a stalled request times out as a retry', async () => {
    const sink = await setUp({}, { timeoutMs: 200 });
    discord.stallNext(1, 1000);
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'retry', afterMs: null, reason: expect.stringContaining('Abort') });
  });

  test('a refused connection is a retry', async () => {
    const sink = await setUp();
    await discord.close();
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'retry', afterMs: null, reason: expect.stringContaining('ECONNREFUSED') });
    discord = await startDiscordEmulator();
  });

  test.each([
    ['unknown channel (404)', '100000000000000009', 'HTTP 404 code 10003'],
    ['missing access (403)', '100000000000000008', 'HTTP 403 code 50001'],
  ])('%s is permanent and sent once', async (_name, channelId, reason) => {
    await setUp();
    discord.addChannel('100000000000000008', 'no-access');
    expect(await sinkFor(channelId).send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'permanent', reason: expect.stringContaining(reason) });
    expect(discord.requests()).toHaveLength(1);
  });

  test('a wrong token (401) is permanent', async () => {
    await setUp();
    expect(await sinkFor(CHANNEL, {}, 'wrong-token').send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'permanent', reason: expect.stringContaining('HTTP 401') });
  });

  test('an invalid form body (400 50035) is permanent', async () => {
    const sink = await setUp();
    // Our renderer cannot produce an invalid body, so the channel's route answers as Discord would to one.
    discord.route('POST', '/channels/:channel/messages', () => ({ status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } } } }), { bucket: 'channel' });
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'permanent', reason: expect.stringContaining('HTTP 400 code 50035') });
    expect(discord.requests()).toHaveLength(1);
  });
});
