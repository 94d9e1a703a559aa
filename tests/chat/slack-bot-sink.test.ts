// The Slack bot sink through the real @slack/web-api WebClient against the loopback emulator.
import { afterEach, describe, expect, test } from 'vitest';
import { createSlackBotSink, parseSlackMessageId } from '../../src/chat/slack/slack-bot-sink.ts';
import { createSlackClient } from '../../src/chat/slack/slack-client.ts';
import type { ChatSink, SendOutcome } from '../../src/chat/chat-sink.ts';
import { startSlackEmulator } from '../support/slack-emulator.ts';
import type { SlackEmulator, SlackEmulatorOptions } from '../support/slack-emulator.ts';
import { makeAlert } from './alert-fixture.ts';
import { HOSTILE_SNIPPETS } from './hostile-text.ts';

const CHANNEL = 'C0ALERTS';
let slack: SlackEmulator;

async function setUp(opts: SlackEmulatorOptions = {}): Promise<ChatSink> {
  slack = await startSlackEmulator({ channels: [CHANNEL], ...opts });
  return sinkFor(CHANNEL);
}

function sinkFor(channel: string, token = slack.token, timeoutMs = 10_000): ChatSink {
  return createSlackBotSink({ name: 'ops-slack', channel, client: createSlackClient(token, { apiUrl: slack.apiUrl, timeoutMs }) });
}

function sentId(outcome: SendOutcome): string {
  if (outcome.kind !== 'sent') throw new Error(`expected sent, got ${JSON.stringify(outcome)}`);
  return outcome.messageId;
}

afterEach(async () => {
  await slack.close();
});

describe('send, edit, reply', () => {
  test('posts an alert once with blocks and a text fallback, mentioning only the route group', async () => {
    const sink = await setUp();
    const outcome = await sink.send(makeAlert({ summary: 'Crowd chanted @everyone <!channel> <@U999>' }), { nonce: 'ww-42', mention: '<!subteam^S0OPS>' });
    const [message] = slack.messages(CHANNEL);
    expect(outcome).toEqual({ kind: 'sent', messageId: `${CHANNEL}:${message?.ts}` });
    expect(slack.messages(CHANNEL)).toHaveLength(1);
    expect(message?.text).toContain('Rocket attack hits military base near Kirkuk');
    expect(message?.blocks.map((b) => (b as { type: string }).type)).toEqual(['header', 'section', 'context', 'actions']);
    expect(new Set(message?.mentions)).toEqual(new Set(['<!subteam^S0OPS>']));
    expect(slack.requests()[0]?.headers.authorization).toBe(`Bearer ${slack.token}`);
  });

  test('edit updates the message in place', async () => {
    const sink = await setUp();
    const id = sentId(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null }));
    expect(await sink.edit(id, makeAlert({ alsoReportedBy: ['AP'] }))).toEqual({ kind: 'sent', messageId: id });
    const [message] = slack.messages(CHANNEL);
    expect(message?.history).toHaveLength(1);
    expect(JSON.stringify(message?.blocks)).toContain('Also reported by AP');
  });

  test('replies go into the message thread', async () => {
    const sink = await setUp();
    const id = sentId(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null }));
    const ts = parseSlackMessageId(id)?.ts ?? '';
    expect((await sink.reply(id, 'Death toll now 3 <!channel>')).kind).toBe('sent');
    expect(slack.replies(CHANNEL, ts).map((m) => m.text)).toEqual(['Death toll now 3 &lt;!channel&gt;']);
    expect(slack.replies(CHANNEL, ts)[0]?.mentions).toEqual([]);
    expect(slack.messages(CHANNEL)).toHaveLength(1);
  });

  test('hostile feed text is accepted and mentions nobody', async () => {
    const sink = await setUp();
    const text = HOSTILE_SNIPPETS.join(' ');
    const outcome = await sink.send(makeAlert({ title: text.repeat(40), summary: text.repeat(40), source: text, alsoReportedBy: [text] }), { nonce: 'ww-7', mention: null });
    expect(outcome.kind).toBe('sent');
    expect(slack.messages(CHANNEL)[0]?.mentions).toEqual([]);
  });

  test.each([
    ['edit', (sink: ChatSink) => sink.edit('nonsense', makeAlert())],
    ['reply', (sink: ChatSink) => sink.reply('nonsense', 'x')],
  ])('%s with a malformed message id is permanent and sends nothing', async (_name, call) => {
    const sink = await setUp();
    expect(await call(sink)).toMatchObject({ kind: 'permanent' });
    expect(slack.requests()).toHaveLength(0);
  });
});

describe('failures', () => {
  test('a 429 with a long Retry-After comes back as a retry with that delay', async () => {
    const sink = await setUp();
    slack.failNext(1, { status: 429, retryAfter: 30 });
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toEqual({ kind: 'retry', afterMs: 30_000, reason: 'slack: rate limited' });
    expect(slack.requests()).toHaveLength(1);
  });

  test('a 429 with a short Retry-After is waited out for that channel and the alert goes out', async () => {
    const sink = await setUp();
    slack.failNext(1, { status: 429, retryAfter: 1 });
    expect((await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).kind).toBe('sent');
    expect(slack.requests().map((r) => r.status)).toEqual([429, 200]);
    expect(slack.messages(CHANNEL)).toHaveLength(1);
  });

  test('past the per-channel burst the emulator answers 429 and we get a retry', async () => {
    const sink = await setUp({ channelLimit: { perSecond: 0.01, burst: 2 } });
    for (const id of [1, 2]) expect((await sink.send(makeAlert({ id }), { nonce: `ww-${id}`, mention: null })).kind).toBe('sent');
    const third = await sink.send(makeAlert({ id: 3 }), { nonce: 'ww-3', mention: null });
    expect(third).toMatchObject({ kind: 'retry', reason: 'slack: rate limited' });
    expect(third.kind === 'retry' ? third.afterMs : 0).toBeGreaterThan(10_000);
    expect(slack.messages(CHANNEL)).toHaveLength(2);
  });

  test.each([500, 502, 503] as const)('HTTP %i is a retry', async (status) => {
    const sink = await setUp();
    slack.failNext(1, { status });
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'retry', afterMs: null, reason: `slack: HTTP ${status}` });
    expect(slack.requests()).toHaveLength(1);
  });

  test('a stalled request times out as a retry', async () => {
    await setUp();
    slack.stallNext(1, 1000);
    expect(await sinkFor(CHANNEL, slack.token, 200).send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'retry', afterMs: null });
  });

  test('a refused connection is a retry', async () => {
    const sink = await setUp();
    await slack.close();
    expect(await sink.send(makeAlert(), { nonce: 'ww-42', mention: null })).toMatchObject({ kind: 'retry', afterMs: null });
    slack = await startSlackEmulator();
  });

  test.each([
    ['unknown channel', 'C0NOWHERE', 'xoxb-test-token', 'slack: channel_not_found'],
    ['bot not in channel', 'C0PRIVATE', 'xoxb-test-token', 'slack: not_in_channel'],
    ['wrong token', CHANNEL, 'xoxb-wrong', 'slack: invalid_auth'],
  ])('%s is permanent', async (_name, channel, token, reason) => {
    await setUp();
    slack.addChannel('C0PRIVATE', { member: false });
    expect(await sinkFor(channel, token).send(makeAlert(), { nonce: 'ww-42', mention: null })).toEqual({ kind: 'permanent', reason });
    expect(slack.requests()).toHaveLength(1);
  });

  test('editing a message that is gone is permanent', async () => {
    const sink = await setUp();
    expect(await sink.edit(`${CHANNEL}:1700000000.000001`, makeAlert())).toEqual({ kind: 'permanent', reason: 'slack: message_not_found' });
  });
});
