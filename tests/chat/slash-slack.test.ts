// `/news` on Slack through the real Bolt app: signed slash commands and button presses POSTed to its
// HTTP receiver, answers checked where Slack would receive them (response_url on the emulator) (item 5).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSlackCommands } from '../../src/chat/slack/slash-commands.ts';
import type { SlackCommands } from '../../src/chat/slack/slash-commands.ts';
import { MUTE_RULE_ACTION_ID, OPEN_ARTICLE_ACTION_ID, renderSlackMuteButton } from '../../src/chat/slack/slash-alert-actions.ts';
import { NOW, news, useCommandStore } from '../commands/command-harness.ts';
import { DIALECTS } from '../store/dialects.ts';
import { alert } from '../store/fixtures.ts';
import { dripBody, serveBody, startFeedServer } from '../support/feed-server.ts';
import type { FeedServer } from '../support/feed-server.ts';
import { findMentions, startSlackEmulator } from '../support/slack-emulator.ts';
import type { SlackEmulator } from '../support/slack-emulator.ts';
import { addResponseUrls, addUserGroups, postButtonPress, postSlashCommand } from '../support/slack-requests.ts';
import type { ResponseUrls } from '../support/slack-requests.ts';
import { followingDeps, silentLog } from './slash-harness.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite');
if (sqlite === undefined) throw new Error('test: no sqlite dialect');
const harness = useCommandStore(sqlite);

const SECRET = 'test-signing-secret';
const BOSS = 'U0BOSS';
const GROUPIE = 'U0GROUPIE';
const NOBODY = 'U0NOBODY';
const CHANNEL = 'C0NEWSROOM';
const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Wire</title><link>http://127.0.0.1/</link>
<item><title>Rocket attack near Kirkuk</title><link>http://127.0.0.1/a</link><guid>a</guid></item></channel></rss>`;

let slack: SlackEmulator;
let urls: ResponseUrls;
let front: SlackCommands;
let feeds: FeedServer;
let endpoint: string;

beforeAll(async () => {
  slack = await startSlackEmulator({ channels: [CHANNEL] });
  urls = addResponseUrls(slack);
  addUserGroups(slack, { S0MANAGERS: [GROUPIE] });
  feeds = await startFeedServer();
  feeds.route('/wire.xml', serveBody(RSS, { contentType: 'application/rss+xml' }));
  front = await startSlackCommands({
    botToken: slack.token, signingSecret: SECRET, port: 0, host: '127.0.0.1', api: slack.apiUrl,
    deps: followingDeps(harness), managerIds: [BOSS, 'S0MANAGERS'], log: silentLog, now: () => NOW,
  });
  endpoint = `http://127.0.0.1:${front.port}/slack/events`;
});
afterAll(async () => {
  await front?.close();
  await feeds?.close();
  await slack?.close();
});

type Response = { response_type: string; text: string; blocks: { type: string; text?: { text: string }; fields?: { text: string }[] }[] };

async function ask(text: string, user = NOBODY): Promise<Response> {
  const url = urls.create();
  const posted = await postSlashCommand(endpoint, SECRET, { text, user_id: user, channel_id: CHANNEL, response_url: url });
  expect(posted.status).toBe(200);
  const [answer] = await urls.waitFor(url, 1);
  return answer as unknown as Response;
}

const textOf = (r: Response): string => r.blocks.flatMap((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)]).join('\n');
const header = (r: Response): string => r.blocks[0]?.text?.text ?? '';
const addKirkuk = () => harness.settings().addRule({ id: 'kirkuk', query: '"rocket attack" AND kirkuk' }, 'seed', NOW);

describe('request verification', () => {
  test('a bad signature is rejected (401) and nothing runs', async () => {
    const url = urls.create();
    const posted = await postSlashCommand(endpoint, SECRET, { text: 'status', response_url: url }, { secret: 'not-the-secret' });
    expect(posted.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(urls.responses(url)).toEqual([]);
  });

  test('a request signed 6 minutes ago is rejected (401)', async () => {
    const url = urls.create();
    const posted = await postSlashCommand(endpoint, SECRET, { text: 'status', response_url: url }, { timestamp: Math.floor(Date.now() / 1000) - 360 });
    expect(posted.status).toBe(401);
    expect(urls.responses(url)).toEqual([]);
  });

  test('a request signed 6 minutes in the future is rejected (401)', async () => {
    const url = urls.create();
    const posted = await postSlashCommand(endpoint, SECRET, { text: 'status', response_url: url }, { timestamp: Math.floor(Date.now() / 1000) + 360 });
    expect(posted.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(urls.responses(url)).toEqual([]);
  });

  test('a request signed 4 minutes in the future (clock skew) is accepted', async () => {
    const url = urls.create();
    const posted = await postSlashCommand(endpoint, SECRET, { text: 'status', response_url: url }, { timestamp: Math.floor(Date.now() / 1000) + 240 });
    expect(posted.status).toBe(200);
  });

  test('the ack comes back before a slow answer, which follows on response_url', async () => {
    feeds.route('/slow.xml', dripBody(RSS, { chunkBytes: 40, intervalMs: 100 }));
    const url = urls.create();
    const posted = await postSlashCommand(endpoint, SECRET, { text: `feeds add ${feeds.url('/slow.xml')}`, user_id: BOSS, response_url: url });
    expect(posted.status).toBe(200);
    expect(urls.responses(url)).toEqual([]);
    const [answer] = await urls.waitFor(url, 1);
    expect(header(answer as unknown as Response)).toBe('Feed added: Loopback Wire');
  });
});

describe('read commands', () => {
  test('status answers in the channel', async () => {
    const answer = await ask('status');
    expect(answer.response_type).toBe('in_channel');
    expect(textOf(answer)).toContain('Version: 9.9.9-test');
    expect(answer.text).not.toBe('');
  });

  test('help and unknown commands answer privately', async () => {
    expect((await ask('help')).response_type).toBe('ephemeral');
    const unknown = await ask('frobnicate now');
    expect(unknown.response_type).toBe('ephemeral');
    expect(header(unknown)).toBe('⚠ Not understood');
    expect(textOf(unknown)).toContain('unknown command');
  });

  test('search lists matches newest first with links; a broken query is refused privately', async () => {
    await harness.save('wire', [
      news('old', 'Rocket attack hits Kirkuk base', 'Rockets struck near Kirkuk.', 5),
      news('new', 'Second rocket attack in Kirkuk', 'Another attack hit Kirkuk.', 1),
    ]);
    const answer = await ask('search "rocket attack" AND kirkuk');
    expect(answer.response_type).toBe('in_channel');
    const items = answer.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');
    expect(items[0]).toContain('<https://news.example/story/new|Second rocket attack in Kirkuk>');
    expect(items[1]).toContain('Rocket attack hits Kirkuk base');
    const broken = await ask('search "rocket attack AND');
    expect(broken.response_type).toBe('ephemeral');
  });

  test('recent shows the alerts of a rule', async () => {
    await addKirkuk();
    await harness.save('wire', [{ item: news('k1', 'Rocket attack in Kirkuk', 'Body', 1), alerts: [alert('kirkuk')] }]);
    expect(textOf(await ask('recent kirkuk 6h'))).toContain('Rocket attack in Kirkuk');
  });

  test('hostile, huge results stay within Block Kit limits and mention nobody', async () => {
    const long = `<!channel> <@U123> *bold* ${'word '.repeat(2000)}`;
    await harness.save('wire', Array.from({ length: 12 }, (_, i) => news(`h${i}`, `Kirkuk ${long}`, `Kirkuk ${long}`, i + 1)));
    const answer = await ask('search kirkuk'); // the emulator's response_url refuses what Slack refuses
    expect(answer.blocks.filter((b) => b.type === 'section')).toHaveLength(10);
    expect(findMentions({ text: answer.text, blocks: answer.blocks })).toEqual([]);
  });
});

describe('managing commands and who may run them', () => {
  test.each([
    ['a configured user', BOSS],
    ['a member of a configured user group', GROUPIE],
  ])('rules add, list, test, remove by %s', async (_who, user) => {
    await harness.save('wire', [news('r1', 'Explosion in Lagos', 'A blast near the port.', 2)]);
    const added = await ask('rules add lagos explosion AND lagos', user);
    expect([added.response_type, header(added)]).toEqual(['ephemeral', 'Rule lagos added']);
    expect(textOf(await ask('rules list'))).toContain('lagos');
    expect(textOf(await ask('rules test explosion AND lagos'))).toContain('Explosion in Lagos');
    expect(header(await ask('rules remove lagos', user))).toBe('Rule lagos removed');
    expect(await harness.settings().loadActiveRules()).toEqual([]);
  });

  test('anyone else is refused privately and nothing changes', async () => {
    const answer = await ask('rules add x fire', NOBODY);
    expect([answer.response_type, header(answer)]).toEqual(['ephemeral', '⚠ Not allowed']);
    expect(await harness.settings().loadActiveRules()).toEqual([]);
  });

  test('feeds add (Slack wraps the link in <>), list, status, remove', async () => {
    const url = feeds.url('/wire.xml');
    expect(header(await ask(`feeds add <${url}>`, BOSS))).toBe('Feed added: Loopback Wire');
    expect(textOf(await ask('feeds list'))).toContain(url);
    expect(textOf(await ask('feeds status'))).toContain('not polled yet');
    expect(header(await ask(`feeds remove ${url}`, BOSS))).toBe('Feed removed');
    expect(await harness.settings().loadActiveFeeds(60)).toEqual([]);
  });

  test('mute, unmute, subscribe, unsubscribe', async () => {
    await addKirkuk();
    expect(header(await ask('mute kirkuk 2h', BOSS))).toBe('Rule kirkuk muted');
    expect((await harness.settings().activeMutes(NOW)).has('kirkuk')).toBe(true);
    expect(header(await ask('unmute kirkuk', BOSS))).toBe('Rule kirkuk unmuted');
    expect(header(await ask('mute kirkuk 2h', NOBODY))).toBe('⚠ Not allowed');
    const subscribed = await ask('subscribe kirkuk low', GROUPIE);
    expect([subscribed.response_type, header(subscribed)]).toEqual(['in_channel', 'Subscribed to kirkuk']);
    expect(await harness.settings().listRoutes()).toEqual([{ ruleId: 'kirkuk', destination: `slack:${CHANNEL}`, priority: 'low' }]);
    expect(header(await ask('unsubscribe kirkuk', GROUPIE))).toBe('Unsubscribed from kirkuk');
    expect(await harness.settings().listRoutes()).toEqual([]);
  });
});

describe('alert buttons', () => {
  test('"Mute rule 1 h" mutes for an hour; refused for anyone else', async () => {
    await addKirkuk();
    const button = renderSlackMuteButton({ ruleId: 'kirkuk' });
    expect(button?.action_id).toBe(MUTE_RULE_ACTION_ID);
    const denied = urls.create();
    expect((await postButtonPress(endpoint, SECRET, { actionId: MUTE_RULE_ACTION_ID, value: button?.value ?? '', userId: NOBODY, responseUrl: denied })).status).toBe(200);
    const [refusal] = await urls.waitFor(denied, 1);
    expect(refusal?.response_type).toBe('ephemeral');
    expect(await harness.settings().activeMutes(NOW)).toEqual(new Map());
    const allowed = urls.create();
    await postButtonPress(endpoint, SECRET, { actionId: MUTE_RULE_ACTION_ID, value: 'kirkuk', userId: BOSS, responseUrl: allowed });
    const [done] = await urls.waitFor(allowed, 1);
    expect(header(done as unknown as Response)).toBe('Rule kirkuk muted');
    expect((await harness.settings().activeMutes(NOW)).get('kirkuk')).toEqual(new Date(NOW.getTime() + 3_600_000));
  });

  test('the article button is acknowledged and answers nothing', async () => {
    const url = urls.create();
    expect((await postButtonPress(endpoint, SECRET, { actionId: OPEN_ARTICLE_ACTION_ID, responseUrl: url })).status).toBe(200);
    expect(urls.responses(url)).toEqual([]);
  });

  test('a forged button press is rejected', async () => {
    await addKirkuk();
    const url = urls.create();
    const posted = await postButtonPress(endpoint, SECRET, { actionId: MUTE_RULE_ACTION_ID, value: 'kirkuk', userId: BOSS, responseUrl: url }, { secret: 'forged' });
    expect(posted.status).toBe(401);
    expect(await harness.settings().activeMutes(NOW)).toEqual(new Map());
  });
});
