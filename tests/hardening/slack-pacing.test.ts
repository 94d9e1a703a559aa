// Slack allows about one message per second per channel: both Slack destinations pace their posts
// per channel, in order, so a burst of alerts meets no 429 (the emulator enforces 1/s, no burst).
import { afterEach, describe, expect, it } from 'vitest';
import { createChannelPacer } from '../../src/chat/channel-pacer.ts';
import { createSlackBotSink } from '../../src/chat/slack/slack-bot-sink.ts';
import { createSlackClient } from '../../src/chat/slack/slack-client.ts';
import { createSlackWebhookSink } from '../../src/chat/slack/slack-webhook-sink.ts';
import type { ChatSink } from '../../src/chat/chat-sink.ts';
import { startSlackEmulator, type SlackEmulator } from '../support/slack-emulator.ts';
import { makeAlert } from '../chat/alert-fixture.ts';

describe('createChannelPacer', () => {
  it('runs calls to one channel one at a time, an interval apart, in order; other channels do not wait', async () => {
    let now = 0;
    const starts: string[] = [];
    const sleeps: number[] = [];
    const pacer = createChannelPacer(1000, { now: () => now, sleep: async (ms) => void (sleeps.push(ms), (now += ms)) });
    await Promise.all([
      pacer.run('A', async () => starts.push(`A1@${now}`)),
      pacer.run('A', async () => starts.push(`A2@${now}`)),
      pacer.run('B', async () => starts.push(`B1@${now}`)),
      pacer.run('A', async () => starts.push(`A3@${now}`)),
    ]);
    const a = starts.filter((s) => s.startsWith('A'));
    expect(a.map((s) => s.split('@')[0])).toEqual(['A1', 'A2', 'A3']);
    const times = a.map((s) => Number(s.split('@')[1]));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1000);
    expect(sleeps).toEqual([1000, 1000]); // only the second and third call to A waited
  });
});

describe('Slack destinations under a burst of alerts', () => {
  const CHANNEL = 'C0BURST';
  let slack: SlackEmulator;
  afterEach(() => slack.close());

  const burst = async (sink: ChatSink, count: number): Promise<void> => {
    const outcomes = await Promise.all(Array.from({ length: count }, (_, i) => sink.send(makeAlert({ title: `Alert ${i}` }), { nonce: `ww-${i}`, mention: null })));
    expect(outcomes.every((o) => o.kind === 'sent')).toBe(true);
  };

  it('the bot posts 6 alerts to one channel in order without a 429', { timeout: 30_000 }, async () => {
    slack = await startSlackEmulator({ channels: [CHANNEL], channelLimit: { perSecond: 1, burst: 1 } });
    const sink = createSlackBotSink({ name: 'slack', channel: CHANNEL, client: createSlackClient(slack.token, { apiUrl: slack.apiUrl }) });
    await burst(sink, 6);
    expect(slack.messages(CHANNEL).map((m) => m.text.match(/Alert \d/)?.[0])).toEqual(['Alert 0', 'Alert 1', 'Alert 2', 'Alert 3', 'Alert 4', 'Alert 5']);
    expect(slack.requests().filter((r) => r.status === 429)).toEqual([]);
  });

  it('the incoming webhook does the same', { timeout: 30_000 }, async () => {
    slack = await startSlackEmulator({ channels: [CHANNEL], channelLimit: { perSecond: 1, burst: 1 } });
    const sink = createSlackWebhookSink({ name: 'hook', url: slack.addWebhook(CHANNEL) });
    await burst(sink, 4);
    expect(slack.messages(CHANNEL).map((m) => m.text.match(/Alert \d/)?.[0])).toEqual(['Alert 0', 'Alert 1', 'Alert 2', 'Alert 3']);
    expect(slack.requests().filter((r) => r.status === 429)).toEqual([]);
  });
});
