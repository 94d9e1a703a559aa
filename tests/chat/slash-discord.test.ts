// `/news` on Discord through the real discord.js Client: logged in over the gateway emulator, every
// subcommand dispatched as INTERACTION_CREATE, answers checked at the REST emulator (item 5).
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { Routes } from 'discord.js';
import { EPHEMERAL_FLAG } from '../../src/chat/discord/render-discord-command-reply.ts';
import { renderDiscordAlertButtons } from '../../src/chat/discord/slash-alert-buttons.ts';
import { NOW, news, useCommandStore } from '../commands/command-harness.ts';
import { DIALECTS } from '../store/dialects.ts';
import { alert } from '../store/fixtures.ts';
import { dripBody, serveBody, startFeedServer } from '../support/feed-server.ts';
import type { FeedServer } from '../support/feed-server.ts';
import {
  CHANNEL, GUILD, MANAGER, NOBODY, WITH_ROLE, embedOf, embedTextLength, flagsOf, rawTextOf, startDiscordRig, textOf,
} from './slash-discord-harness.ts';
import { followingDeps } from './slash-harness.ts';
import type { DiscordRig } from './slash-discord-harness.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite');
if (sqlite === undefined) throw new Error('test: no sqlite dialect');
const harness = useCommandStore(sqlite);

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Wire</title><link>http://127.0.0.1/</link>
<item><title>Rocket attack near Kirkuk</title><link>http://127.0.0.1/a</link><guid>a</guid><pubDate>Tue, 10 Mar 2026 11:00:00 GMT</pubDate></item>
</channel></rss>`;

let rig: DiscordRig;
let feeds: FeedServer;

beforeAll(async () => {
  feeds = await startFeedServer();
  feeds.route('/wire.xml', serveBody(RSS, { contentType: 'application/rss+xml' }));
  // Fast enough that a loaded machine still answers the quick commands at once; the slow feed takes longer.
  rig = await startDiscordRig(followingDeps(harness), { deferAfterMs: 2000, guildIds: [GUILD, '800000000000000099'] });
});
afterAll(async () => {
  await rig?.close();
  await feeds?.close();
});

const addKirkuk = () => harness.settings().addRule({ id: 'kirkuk', query: '"rocket attack" AND kirkuk' }, 'seed', NOW);

describe('start', () => {
  test('logs in over the gateway, registers /news per guild, reports a guild that refuses', async () => {
    expect(rig.gateway.identified).toHaveLength(1);
    expect(rig.gateway.identified[0]?.token).toBe(rig.rest.token);
    const [command] = rig.gateway.commands(GUILD);
    expect(command?.name).toBe('news');
    expect((command?.options as unknown[]).length).toBeLessThanOrEqual(25);
    expect(rig.front.failedGuilds).toEqual([{ guildId: '800000000000000099', reason: expect.stringContaining('403') as string }]);
    await vi.waitFor(() => expect(rig.gateway.heartbeatsAcked()).toBeGreaterThan(0), { timeout: 5000 });
  });

  test('registration is an idempotent bulk overwrite', async () => {
    const { registerNewsCommand } = await import('../../src/chat/discord/slash-commands.ts');
    const { createDiscordRest } = await import('../../src/chat/discord/discord-rest.ts');
    const rest = createDiscordRest(rig.rest.token, { api: rig.rest.apiUrl });
    expect(await registerNewsCommand(rest, rig.gateway.applicationId, [GUILD])).toEqual([]);
    expect(await registerNewsCommand(rest, rig.gateway.applicationId, [GUILD])).toEqual([]);
    expect(rig.gateway.commands(GUILD).map((c) => c.name)).toEqual(['news']);
    const puts = rig.rest.requests().filter((r) => r.method === 'PUT' && r.path.endsWith(Routes.applicationGuildCommands(rig.gateway.applicationId, GUILD)));
    expect(puts.every((r) => r.status === 200)).toBe(true);
  });
});

describe('read commands answer in the channel', () => {
  test('status: fields, public, at once (type 4)', async () => {
    const answer = await rig.ask({ subcommand: 'status' });
    expect(answer.callbacks[0]?.type).toBe(4);
    expect(flagsOf(answer)).toBe(0);
    expect(textOf(answer)).toContain('9.9.9-test');
  });

  test('help is private', async () => {
    const answer = await rig.ask({ subcommand: 'help' });
    expect(flagsOf(answer)).toBe(EPHEMERAL_FLAG);
    expect(textOf(answer)).toContain('subscribe');
  });

  test('search lists matching items newest first, with source and link', async () => {
    await harness.save('wire', [
      news('old', 'Rocket attack hits Kirkuk base', 'Rockets struck a base near Kirkuk.', 5),
      news('new', 'Second rocket attack in Kirkuk', 'Another attack hit Kirkuk.', 1),
      news('other', 'Football results', 'Nothing to see.', 1),
    ]);
    const answer = await rig.ask({ subcommand: 'search', options: { query: '"rocket attack" AND kirkuk' } });
    expect(flagsOf(answer)).toBe(0);
    const names = (embedOf(answer).fields ?? []).map((f) => f.name);
    expect(names).toEqual(['Second rocket attack in Kirkuk', 'Rocket attack hits Kirkuk base']);
    expect(embedOf(answer).fields?.[0]?.value).toContain('(https://news.example/story/new)');
  });

  test('a search with a broken query is refused privately, with the parse error', async () => {
    const answer = await rig.ask({ subcommand: 'search', options: { query: '"rocket attack AND' } });
    expect(answer.callbacks[0]?.type).toBe(4);
    expect(flagsOf(answer)).toBe(EPHEMERAL_FLAG);
    expect(embedOf(answer).color).toBe(0xd32f2f);
  });

  test('recent shows the latest alerts of a rule', async () => {
    await addKirkuk();
    await harness.save('wire', [{ item: news('k1', 'Rocket attack in Kirkuk', 'Body', 1), alerts: [alert('kirkuk')] }]);
    const answer = await rig.ask({ subcommand: 'recent', options: { rule: 'kirkuk', since: '6h' } });
    expect(textOf(answer)).toContain('Rocket attack in Kirkuk');
    const bad = await rig.ask({ subcommand: 'recent', options: { since: 'soon' } });
    expect(flagsOf(bad)).toBe(EPHEMERAL_FLAG);
  });

  test('results full of hostile, huge text stay within every embed limit and ping nobody', async () => {
    const long = `@everyone <@&1> **bold** ${'word '.repeat(2000)}`;
    await harness.save('wire', Array.from({ length: 12 }, (_, i) => news(`h${i}`, `Kirkuk ${long}`, `Kirkuk ${long}`, i + 1)));
    const answer = await rig.ask({ subcommand: 'search', options: { query: 'kirkuk' } });
    const embed = embedOf(answer);
    expect(embed.fields).toHaveLength(10);
    expect(embedTextLength(embed)).toBeLessThanOrEqual(6000);
    expect(answer.callbacks[0]?.data.allowed_mentions).toEqual({ parse: [] });
    expect(rawTextOf(answer)).not.toMatch(/@everyone|<@&1>/);
  });
});

describe('rules', () => {
  test.each([
    ['Manage Server', MANAGER],
    ['the manager role', WITH_ROLE],
  ])('add, list, test and remove with %s', async (_who, member) => {
    await harness.save('wire', [news('r1', 'Explosion in Lagos', 'A blast near the port.', 2)]);
    const added = await rig.ask({ group: 'rules', subcommand: 'add', options: { id: 'lagos', query: 'explosion AND lagos' }, member });
    expect(flagsOf(added)).toBe(EPHEMERAL_FLAG);
    expect(embedOf(added).title).toBe('Rule lagos added');
    expect((await harness.settings().loadActiveRules()).map((r) => r.id)).toEqual(['lagos']);
    expect(textOf(await rig.ask({ group: 'rules', subcommand: 'list' }))).toContain('lagos');
    expect(textOf(await rig.ask({ group: 'rules', subcommand: 'test', options: { query: 'explosion AND lagos' } }))).toContain('Explosion in Lagos');
    const removed = await rig.ask({ group: 'rules', subcommand: 'remove', options: { rule: 'lagos' }, member });
    expect(embedOf(removed).title).toBe('Rule lagos removed');
    expect(await harness.settings().loadActiveRules()).toEqual([]);
  });

  test('without the role or Manage Server, changes are refused privately and nothing changes', async () => {
    const answer = await rig.ask({ group: 'rules', subcommand: 'add', options: { id: 'x', query: 'fire' }, member: NOBODY });
    expect(flagsOf(answer)).toBe(EPHEMERAL_FLAG);
    expect(embedOf(answer).title).toBe('Not allowed');
    expect(await harness.settings().loadActiveRules()).toEqual([]);
  });

  test('a rule with a syntax error is refused with the parse error', async () => {
    const answer = await rig.ask({ group: 'rules', subcommand: 'add', options: { id: 'bad', query: 'fire AND' }, member: MANAGER });
    expect(flagsOf(answer)).toBe(EPHEMERAL_FLAG);
    expect(embedOf(answer).title).toBe('Rule not added');
  });

  test('autocomplete offers at most 25 rule ids, prefix matches first', async () => {
    for (let i = 0; i < 30; i += 1) await harness.settings().addRule({ id: `rule${String(i).padStart(2, '0')}`, query: 'fire' }, 'seed', NOW);
    const id = rig.gateway.dispatch(rig.gateway.chatInput({ subcommand: 'mute', autocomplete: true, options: { rule: { value: 'rule1', focused: true } } }));
    const answer = await rig.gateway.waitForAnswer(id);
    expect(answer.callbacks[0]?.type).toBe(8);
    const choices = answer.callbacks[0]?.data.choices as { value: string }[];
    expect(choices.map((c) => c.value)).toEqual(['rule10', 'rule11', 'rule12', 'rule13', 'rule14', 'rule15', 'rule16', 'rule17', 'rule18', 'rule19']);
    const all = await rig.gateway.waitForAnswer(rig.gateway.dispatch(rig.gateway.chatInput({ subcommand: 'mute', autocomplete: true, options: { rule: { value: '', focused: true } } })));
    expect((all.callbacks[0]?.data.choices as unknown[]).length).toBe(25);
  });
});

describe('feeds', () => {
  test('add (fetched and parsed), list, status, autocomplete, remove', async () => {
    const url = feeds.url('/wire.xml');
    const added = await rig.ask({ group: 'feeds', subcommand: 'add', options: { url }, member: MANAGER });
    expect(embedOf(added).title).toBe('Feed added: Loopback Wire');
    expect(flagsOf(added)).toBe(EPHEMERAL_FLAG);
    expect(textOf(await rig.ask({ group: 'feeds', subcommand: 'list' }))).toContain(url);
    expect(textOf(await rig.ask({ group: 'feeds', subcommand: 'status' }))).toContain('not polled yet');
    const suggest = await rig.gateway.waitForAnswer(rig.gateway.dispatch(rig.gateway.chatInput({ group: 'feeds', subcommand: 'remove', autocomplete: true, options: { url: { value: '127', focused: true } } })));
    expect((suggest.callbacks[0]?.data.choices as { value: string }[]).map((c) => c.value)).toEqual([url]);
    const removed = await rig.ask({ group: 'feeds', subcommand: 'remove', options: { url }, member: WITH_ROLE });
    expect(embedOf(removed).title).toBe('Feed removed');
    expect(await harness.settings().loadActiveFeeds(60)).toEqual([]);
  });

  test('a slow feed is deferred (type 5, private) and the answer edited in', async () => {
    feeds.route('/slow.xml', dripBody(RSS, { chunkBytes: 40, intervalMs: 350 }));
    const answer = await rig.ask({ group: 'feeds', subcommand: 'add', options: { url: feeds.url('/slow.xml') }, member: MANAGER });
    expect(answer.callbacks.map((c) => c.type)).toEqual([5]);
    expect(answer.callbacks[0]?.data.flags).toBe(EPHEMERAL_FLAG);
    expect(answer.edits).toBe(1);
    expect(embedOf(answer).title).toBe('Feed added: Loopback Wire');
  });

  test('a feed on a private address is refused', async () => {
    const answer = await rig.ask({ group: 'feeds', subcommand: 'add', options: { url: 'http://10.0.0.1/feed.xml' }, member: MANAGER });
    expect(embedOf(answer).title).toBe('Feed not added');
    expect(flagsOf(answer)).toBe(EPHEMERAL_FLAG);
  });

  test('feeds add is refused without permission', async () => {
    feeds.route('/denied.xml', serveBody(RSS, { contentType: 'application/rss+xml' }));
    const answer = await rig.ask({ group: 'feeds', subcommand: 'add', options: { url: feeds.url('/denied.xml') }, member: NOBODY });
    expect(embedOf(answer).title).toBe('Not allowed');
    expect(feeds.requestsTo('/denied.xml')).toHaveLength(0);
  });
});

describe('mute, subscribe', () => {
  test('mute and unmute a rule', async () => {
    await addKirkuk();
    const muted = await rig.ask({ subcommand: 'mute', options: { rule: 'kirkuk', duration: '2h' }, member: MANAGER });
    expect(embedOf(muted).title).toBe('Rule kirkuk muted');
    expect((await harness.settings().activeMutes(NOW)).get('kirkuk')).toEqual(new Date(NOW.getTime() + 2 * 3_600_000));
    const unmuted = await rig.ask({ subcommand: 'unmute', options: { rule: 'kirkuk' }, member: MANAGER });
    expect(embedOf(unmuted).title).toBe('Rule kirkuk unmuted');
    const again = await rig.ask({ subcommand: 'unmute', options: { rule: 'kirkuk' }, member: MANAGER });
    expect(flagsOf(again)).toBe(EPHEMERAL_FLAG);
    expect(embedOf(again).title).toBe('Not unmuted');
  });

  test('subscribe routes the rule to the channel typed in; unsubscribe undoes it', async () => {
    await addKirkuk();
    const subscribed = await rig.ask({ subcommand: 'subscribe', options: { rule: 'kirkuk', priority: 'flash' }, member: WITH_ROLE });
    expect(embedOf(subscribed).title).toBe('Subscribed to kirkuk');
    expect(await harness.settings().listRoutes()).toEqual([{ ruleId: 'kirkuk', destination: `discord:${CHANNEL}`, priority: 'flash' }]);
    const denied = await rig.ask({ subcommand: 'unsubscribe', options: { rule: 'kirkuk' }, member: NOBODY });
    expect(embedOf(denied).title).toBe('Not allowed');
    await rig.ask({ subcommand: 'unsubscribe', options: { rule: 'kirkuk' }, member: WITH_ROLE });
    expect(await harness.settings().listRoutes()).toEqual([]);
  });

  test('the alert\'s "Mute rule 1 h" button mutes the rule for an hour; refused without permission', async () => {
    await addKirkuk();
    const [row] = renderDiscordAlertButtons({ ruleId: 'kirkuk', link: 'https://news.example/a' });
    const [mute, open] = row?.components ?? [];
    expect(open).toMatchObject({ style: 5, label: 'Open', url: 'https://news.example/a' });
    const customId = (mute as { custom_id: string }).custom_id;
    const denied = await rig.gateway.waitForAnswer(rig.gateway.dispatch(rig.gateway.button({ customId, member: NOBODY })));
    expect(flagsOf(denied)).toBe(EPHEMERAL_FLAG);
    expect(await harness.settings().activeMutes(NOW)).toEqual(new Map());
    const done = await rig.gateway.waitForAnswer(rig.gateway.dispatch(rig.gateway.button({ customId, member: MANAGER })));
    expect(embedOf(done).title).toBe('Rule kirkuk muted');
    expect((await harness.settings().activeMutes(NOW)).get('kirkuk')).toEqual(new Date(NOW.getTime() + 3_600_000));
  });
});

describe('always deferred (a slow core)', () => {
  let slow: DiscordRig;
  beforeAll(async () => {
    slow = await startDiscordRig(followingDeps(harness), { deferAfterMs: 0 });
  });
  afterAll(async () => {
    await slow?.close();
  });

  test('a public command is deferred in public and edited', async () => {
    const answer = await slow.ask({ subcommand: 'status' });
    expect(answer.callbacks.map((c) => [c.type, c.data.flags])).toEqual([[5, 0]]);
    expect(answer.edits).toBe(1);
    expect(textOf(answer)).toContain('9.9.9-test');
  });

  test('a refusal after a public defer is moved out of sight: placeholder deleted, reason followed up privately', async () => {
    const answer = await slow.ask({ subcommand: 'search', options: { query: '"unclosed' } });
    expect(answer.deleted).toBe(true);
    expect(answer.followups).toHaveLength(1);
    expect(answer.followups[0]?.flags).toBe(EPHEMERAL_FLAG);
  });
});
