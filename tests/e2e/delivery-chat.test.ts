// End to end in-process: loopback feed server → worker (real store, real routing) → the real
// discord.js REST and Slack WebClient → the emulators. Time moves by the test's clock, so a
// 2-minute outage takes a fraction of a second.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { startDiscordEmulator, type DiscordEmulator } from '../support/discord-emulator.ts';
import { startSlackEmulator, type SlackEmulator } from '../support/slack-emulator.ts';
import { runOnce } from '../../src/worker/run-worker.ts';
import { deliverDue } from '../../src/worker/deliver.ts';
import { createTestClock, openTestWorker, repeatUntil, rss, startOutageProxy, type OutageProxy, type RssItem, type TestClock, type TestWorker } from './delivery-harness.ts';

const DCH = '100000000000000001';
const SCH = 'C0ALERTS';

describe('delivery to Discord and Slack', () => {
  let feeds: FeedServer;
  let discord: DiscordEmulator;
  let slack: SlackEmulator;
  let proxy: OutageProxy;
  let clock: TestClock;
  let worker: TestWorker | null = null;

  beforeEach(async () => {
    feeds = await startFeedServer();
    // Discord's message bucket is 5 per 5 s; a 2 s window keeps the test short with the same behaviour.
    discord = await startDiscordEmulator({ channels: [DCH], routeLimit: { limit: 5, windowMs: 2000 } });
    slack = await startSlackEmulator({ channels: [SCH], channelLimit: { perSecond: 5, burst: 3 } });
    proxy = await startOutageProxy(discord.apiUrl);
    clock = createTestClock(new Date('2026-03-02T12:00:00Z'));
    feeds.route('/wire.xml', serveBody(rss([])));
  });

  afterEach(async () => {
    await worker?.close();
    worker = null;
    await Promise.all([feeds.close(), discord.close(), slack.close(), proxy.close()]);
  });

  const env = (): Record<string, string> => ({
    DISCORD_TOKEN: discord.token,
    DISCORD_CHANNEL_ID: DCH,
    WIREWATCH_DISCORD_API: `${proxy.origin}/api`,
    SLACK_BOT_TOKEN: slack.token,
    SLACK_CHANNEL: SCH,
    WIREWATCH_SLACK_API: slack.apiUrl,
  });

  const open = async (extra = ''): Promise<TestWorker> => {
    worker = await openTestWorker(
      [
        'feeds:',
        `  - { id: wire, url: "${feeds.url('/wire.xml')}", interval: 1 }`,
        'rules:',
        '  - { id: attacks, query: attack }',
        extra,
      ].join('\n'),
      env(),
      clock,
    );
    await runOnce(worker.deps); // the first poll is a baseline
    return worker;
  };

  const publish = (items: readonly RssItem[]): void => feeds.route('/wire.xml', serveBody(rss(items)));
  const attacks = (n: number): RssItem[] => Array.from({ length: n }, (_, i) => ({ guid: `a${i}`, title: `Attack report ${String(i).padStart(2, '0')}`, published: new Date(Date.UTC(2026, 2, 2, 11, i)) }));
  const discordTitles = (): string[] => discord.messages(DCH).map((m) => String((m.embeds[0] as { title?: string } | undefined)?.title));
  const slackTitles = (): string[] => slack.messages(SCH).map((m) => m.text);

  it('posts each alert once to each channel, within limits, pinging nobody', async () => {
    const w = await open();
    publish([{ guid: 'x', title: 'Museum reopens' }, ...attacks(2), { guid: 'evil', title: 'Attack on @everyone <!channel> **bold** \u200Bhere' + ' long'.repeat(2000) }]);
    const summary = await runOnce(w.deps);
    expect(summary.delivered).toBe(6);
    await runOnce(w.deps);
    expect(discordTitles().slice(0, 2)).toEqual(['Attack report 00', 'Attack report 01']);
    expect(discord.messages(DCH)).toHaveLength(3);
    expect(discord.messages(DCH).every((m) => !m.pinged.everyone && m.pinged.roles.length === 0 && m.pinged.users.length === 0)).toBe(true);
    expect(discord.messages(DCH).map((m) => m.nonce)).toEqual(expect.arrayContaining([expect.stringMatching(/^ww-[0-9a-z]+-[\w-]{8}$/)]));
    expect(slack.messages(SCH)).toHaveLength(3);
    expect(slack.messages(SCH).every((m) => m.mentions.length === 0)).toBe(true);
    expect(await w.store.outboxCounts()).toEqual({ pending: 0, failed: 0, sent: 6 });
  });

  it('delivers every alert exactly once, in order per channel, through a 429 storm and a 2-minute outage', async () => {
    const w = await open();
    publish(attacks(12));
    proxy.down = '503';
    slack.failNext(5, { status: 429, retryAfter: 1 });
    const outageEnds = clock().getTime() + 120_000;
    await runOnce(w.deps);
    expect(discord.messages(DCH)).toHaveLength(0);
    await repeatUntil(
      async () => {
        if (proxy.down !== false && clock().getTime() >= outageEnds) {
          proxy.down = false;
          discord.failNext(4, { status: 429, retryAfter: 1.5 });
        }
        await deliverDue(w.deps);
      },
      () => discord.messages(DCH).length === 12 && slack.messages(SCH).length === 12,
      { clock, stepMs: 5_000, realMs: 50 },
    );
    const expected = attacks(12).map((a) => a.title);
    expect(discordTitles()).toEqual(expected);
    expect(slackTitles().map((t) => expected.find((title) => t.includes(title)))).toEqual(expected);
    expect(await w.store.outboxCounts()).toEqual({ pending: 0, failed: 0, sent: 24 });
    const statuses = discord.requests().map((r) => r.status);
    expect(statuses).toContain(429);
    expect(slack.requests().some((r) => r.status === 429)).toBe(true);
  });

  it('sends what waited past missedAfter as one "missed" digest', async () => {
    const w = await open(['destinations:', '  - { name: discord, type: discord, missedAfter: 1m }'].join('\n'));
    publish(attacks(5));
    proxy.down = 'reset';
    await runOnce(w.deps);
    const outageEnds = clock().getTime() + 120_000;
    await repeatUntil(
      async () => {
        if (clock().getTime() >= outageEnds) proxy.down = false;
        await deliverDue(w.deps);
      },
      () => discord.messages(DCH).length > 0,
      { clock, stepMs: 10_000 },
    );
    const [digest] = discord.messages(DCH);
    expect(discord.messages(DCH)).toHaveLength(1);
    const embed = digest?.embeds[0] as { title: string; description: string };
    expect(embed.title).toBe('Missed while this channel could not be reached: 5 alerts');
    for (const item of attacks(5)) expect(embed.description).toContain(item.title);
    expect(await w.store.outboxCounts()).toEqual({ pending: 0, failed: 0, sent: 5 });
  });

  it('records a permanent 4xx once, never retries it, and goes on with the next alert', async () => {
    const w = await open();
    discord.addChannel(DCH, 'no-access');
    publish(attacks(2));
    await runOnce(w.deps);
    clock.advance(3_600_000);
    await deliverDue(w.deps);
    const posts = discord.requests().filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.status)).toEqual([403, 403]);
    const failures = await w.store.recentFailures(5);
    expect(failures.map((f) => f.error)).toEqual([expect.stringMatching(/403.*Missing Access/), expect.stringMatching(/403.*Missing Access/)]);
    expect(await w.store.outboxBacklog()).toContainEqual(expect.objectContaining({ destination: 'discord', failed: 2, pending: 0 }));
  });

  it('routes by rule: flash pings the role, low waits for the digest, quiet hours hold normal alerts', async () => {
    const w = await open(
      [
        '  - { id: quakes, query: earthquake }',
        '  - { id: recalls, query: recall }',
        'destinations:',
        '  - { name: discord, type: discord, mention: "<@&200000000000000002>" }',
        'routes:',
        '  - { rules: [attacks], to: [discord], priority: flash }',
        '  - { rules: [quakes], to: [discord], priority: normal, quietHours: { from: "11:00", to: "13:00" } }',
        '  - { rules: [recalls], to: [discord], priority: low, digestEvery: 10m }',
      ].join('\n'),
    );
    publish([
      { guid: 'q', title: 'Earthquake shakes the coast' },
      { guid: 'r1', title: 'Recall of baby food' },
      { guid: 'a', title: 'Attack on the embassy' },
      { guid: 'r2', title: 'Recall of cars' },
    ]);
    await runOnce(w.deps); // 12:00, inside quiet hours
    expect(discordTitles()).toEqual(['Attack on the embassy']);
    expect(discord.messages(DCH)[0]?.pinged.roles).toEqual(['200000000000000002']);
    clock.advance(10 * 60_000); // the 12:10 digest
    await deliverDue(w.deps);
    expect(discordTitles()).toEqual(['Attack on the embassy', 'Digest: 2 alerts since the last one']);
    clock.advance(50 * 60_000); // 13:00: quiet hours over
    await deliverDue(w.deps);
    expect(discordTitles()).toEqual(['Attack on the embassy', 'Digest: 2 alerts since the last one', 'Earthquake shakes the coast']);
    expect(discord.messages(DCH).slice(1).every((m) => m.pinged.roles.length === 0)).toBe(true);
  });

  it('folds alerts past a rule’s hourly cap into the digest instead of dropping them', async () => {
    const w = await open(['routes:', '  - { rules: [attacks], priority: normal, hourlyCap: 3, digestEvery: 5m }'].join('\n'));
    publish(attacks(5));
    await runOnce(w.deps);
    expect(discordTitles()).toEqual(['Attack report 00', 'Attack report 01', 'Attack report 02']);
    clock.advance(5 * 60_000);
    // Slack allows a burst of 3 a second: the digest may meet a 429 first, and goes out on a retry.
    await repeatUntil(() => deliverDue(w.deps), () => slackTitles().length === 4, { clock, stepMs: 1_000, realMs: 300 });
    expect(discordTitles()).toHaveLength(4);
    expect(discordTitles()[3]).toBe('Digest: 2 alerts since the last one');
    expect(slackTitles()[3]).toContain('Digest: 2 alerts since the last one');
    expect(await w.store.outboxCounts()).toEqual({ pending: 0, failed: 0, sent: 10 });
  });
});
