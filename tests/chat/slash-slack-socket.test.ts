// `/news` over Slack Socket Mode (item 3: SLACK_APP_TOKEN set): the real Bolt app opens the
// websocket from apps.connections.open, acks each envelope, and answers on response_url.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSlackCommands } from '../../src/chat/slack/slash-commands.ts';
import type { SlackCommands } from '../../src/chat/slack/slash-commands.ts';
import { MUTE_RULE_ACTION_ID } from '../../src/chat/slack/slash-alert-actions.ts';
import { NOW, useCommandStore } from '../commands/command-harness.ts';
import { DIALECTS } from '../store/dialects.ts';
import { startSlackEmulator } from '../support/slack-emulator.ts';
import type { SlackEmulator } from '../support/slack-emulator.ts';
import { addResponseUrls } from '../support/slack-requests.ts';
import type { ResponseUrls } from '../support/slack-requests.ts';
import { startSlackSocketMode } from '../support/slack-socket-emulator.ts';
import type { SlackSocketMode } from '../support/slack-socket-emulator.ts';
import { followingDeps, silentLog } from './slash-harness.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite');
if (sqlite === undefined) throw new Error('test: no sqlite dialect');
const harness = useCommandStore(sqlite);
const APP_TOKEN = 'xapp-1-A0WIREWATCH-test';

let slack: SlackEmulator;
let socket: SlackSocketMode;
let urls: ResponseUrls;
let front: SlackCommands;

beforeAll(async () => {
  slack = await startSlackEmulator({ channels: ['C0NEWSROOM'] });
  urls = addResponseUrls(slack);
  socket = await startSlackSocketMode(slack, APP_TOKEN);
  front = await startSlackCommands({
    botToken: slack.token, signingSecret: 'unused-in-socket-mode', appToken: APP_TOKEN, port: 0, api: slack.apiUrl,
    deps: followingDeps(harness), managerIds: ['U0BOSS'], log: silentLog, now: () => NOW,
  });
  await socket.connected();
});
afterAll(async () => {
  await front?.close();
  await socket?.close();
  await slack?.close();
});

const command = (text: string, user: string, responseUrl: string) => ({
  token: 'deprecated', team_id: 'T0EMULATOR', team_domain: 'emulator', channel_id: 'C0NEWSROOM', channel_name: 'newsroom',
  user_id: user, user_name: 'someone', command: '/news', text, api_app_id: 'A0WIREWATCH', is_enterprise_install: 'false',
  response_url: responseUrl, trigger_id: 'trigger',
});

describe('Socket Mode', () => {
  test('no HTTP port; a slash command envelope is acked and answered on response_url', async () => {
    expect(front.port).toBeNull();
    const url = urls.create();
    const ack = await socket.deliver('slash_commands', command('status', 'U0NOBODY', url));
    expect(ack.envelope_id).toBe('envelope-1');
    const [answer] = await urls.waitFor(url, 1);
    expect(answer?.response_type).toBe('in_channel');
    expect(JSON.stringify(answer?.blocks)).toContain('9.9.9-test');
  });

  test('managing commands still need a configured user; the mute button works as an interactive envelope', async () => {
    await harness.settings().addRule({ id: 'kirkuk', query: 'kirkuk' }, 'seed', NOW);
    const denied = urls.create();
    await socket.deliver('slash_commands', command('mute kirkuk 2h', 'U0NOBODY', denied));
    expect((await urls.waitFor(denied, 1))[0]?.response_type).toBe('ephemeral');
    expect(await harness.settings().activeMutes(NOW)).toEqual(new Map());
    const pressed = urls.create();
    await socket.deliver('interactive', {
      type: 'block_actions', user: { id: 'U0BOSS', username: 'boss', team_id: 'T0EMULATOR' }, api_app_id: 'A0WIREWATCH', token: 'deprecated',
      container: { type: 'message', message_ts: '1.2', channel_id: 'C0NEWSROOM' }, trigger_id: 't', team: { id: 'T0EMULATOR', domain: 'emulator' },
      channel: { id: 'C0NEWSROOM', name: 'newsroom' }, response_url: pressed,
      actions: [{ type: 'button', action_id: MUTE_RULE_ACTION_ID, block_id: 'b', value: 'kirkuk', text: { type: 'plain_text', text: 'Mute rule 1 h' }, action_ts: '1' }],
    });
    await urls.waitFor(pressed, 1);
    expect((await harness.settings().activeMutes(NOW)).get('kirkuk')).toEqual(new Date(NOW.getTime() + 3_600_000));
  });
});
