// The Slack emulator rejects what Slack rejects, with Slack's answers, as seen through the real
// @slack/web-api WebClient (so a payload that passes here passes there).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { webApi } from '@slack/bolt';
import { createSlackClient } from '../../src/chat/slack/slack-client.ts';
import { startSlackEmulator } from '../support/slack-emulator.ts';
import type { SlackEmulator } from '../support/slack-emulator.ts';

const CHANNEL = 'C0ALERTS';
let slack: SlackEmulator;
let client: webApi.WebClient;

beforeAll(async () => {
  slack = await startSlackEmulator({ channels: [CHANNEL], channelLimit: null });
  client = createSlackClient(slack.token, { apiUrl: slack.apiUrl });
});
afterAll(async () => {
  await slack.close();
});

async function platformError(args: Record<string, unknown>): Promise<{ error: string; errors?: string[] }> {
  const error: unknown = await client.apiCall('chat.postMessage', { channel: CHANNEL, ...args }).then(() => null, (e: unknown) => e);
  if (!(error instanceof webApi.WebAPIPlatformError)) throw new Error(`expected a platform error, got ${String(error)}`);
  return error.data as unknown as { error: string; errors?: string[] };
}

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });

describe('invalid messages answer ok:false like Slack', () => {
  test.each([
    ['header over 150', [{ type: 'header', text: plain('x'.repeat(151)) }], 'must be less than 151 characters [json-pointer:/blocks/0/text/text]'],
    ['header in mrkdwn', [{ type: 'header', text: mrkdwn('x') }], '[json-pointer:/blocks/0/text/type]'],
    ['section over 3,000', [{ type: 'section', text: mrkdwn('x'.repeat(3001)) }], 'must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
    ['3,001 counted in UTF-16 code units', [{ type: 'section', text: mrkdwn(`${'😀'.repeat(1500)}x`) }], '[json-pointer:/blocks/0/text/text]'],
    ['empty section text', [{ type: 'section', text: mrkdwn('') }], 'must be more than 0 characters [json-pointer:/blocks/0/text/text]'],
    ['11 section fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }], '[json-pointer:/blocks/0/fields]'],
    ['field over 2,000', [{ type: 'section', fields: [mrkdwn('x'.repeat(2001))] }], '[json-pointer:/blocks/0/fields/0/text]'],
    ['11 context elements', [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }], '[json-pointer:/blocks/0/elements]'],
    ['button text over 75', [{ type: 'actions', elements: [{ type: 'button', text: plain('x'.repeat(76)), action_id: 'a' }] }], '[json-pointer:/blocks/0/elements/0/text/text]'],
    ['button url over 3,000', [{ type: 'actions', elements: [{ type: 'button', text: plain('b'), url: `https://x.example/${'a'.repeat(3000)}` }] }], '[json-pointer:/blocks/0/elements/0/url]'],
    ['action_id over 255', [{ type: 'actions', elements: [{ type: 'button', text: plain('b'), action_id: 'a'.repeat(256) }] }], '[json-pointer:/blocks/0/elements/0/action_id]'],
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), '[json-pointer:/blocks]'],
    ['an unknown block type', [{ type: 'marquee' }], '[json-pointer:/blocks/0/type]'],
  ])('%s → invalid_blocks', async (_name, blocks, message) => {
    const data = await platformError({ text: 'fallback', blocks });
    expect(data.error).toBe('invalid_blocks');
    expect(data.errors?.some((e) => e.includes(message))).toBe(true);
  });

  test.each([
    ['text over 40,000', { text: 'x'.repeat(40_001) }, 'msg_too_long'],
    ['block text over 12,000 in all', { text: 'f', blocks: Array.from({ length: 5 }, () => ({ type: 'section', text: mrkdwn('x'.repeat(2500)) })) }, 'msg_blocks_too_long'],
    ['no text and no blocks', { text: '' }, 'no_text'],
    ['unparseable blocks', { text: 'f', blocks: '[{' }, 'invalid_blocks_format'],
    ['unknown channel', { channel: 'C0NOWHERE', text: 'x' }, 'channel_not_found'],
    ['a thread that does not exist', { text: 'x', thread_ts: '1.000001' }, 'thread_not_found'],
  ])('%s → %s', async (_name, args, error) => {
    expect((await platformError(args)).error).toBe(error);
  });

  test('a message at every limit is accepted', async () => {
    const blocks = [
      { type: 'header', text: plain('h'.repeat(150)) },
      { type: 'section', text: mrkdwn('s'.repeat(3000)) },
      { type: 'section', text: mrkdwn('s'.repeat(3000)) },
      { type: 'section', text: mrkdwn('s'.repeat(3000)) },
      { type: 'context', elements: Array.from({ length: 10 }, () => mrkdwn('c'.repeat(200))) },
      { type: 'actions', elements: [{ type: 'button', text: plain('b'.repeat(75)), url: `https://x.example/${'a'.repeat(2970)}`, action_id: 'a'.repeat(255) }] },
    ];
    await expect(client.chat.postMessage({ channel: CHANNEL, text: 't'.repeat(4000), blocks: blocks as never })).resolves.toMatchObject({ ok: true, channel: CHANNEL });
  });
});

test.each([
  ['no token', '', 'not_authed'],
  ['a wrong token', 'xoxb-wrong', 'invalid_auth'],
])('%s answers HTTP 200 ok:false %s, as Slack does', async (_name, token, error) => {
  const response = await fetch(`${slack.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: new URLSearchParams({ channel: CHANNEL, text: 'x' }).toString(),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: false, error });
});

test('chat.postMessage past the channel burst answers 429 with an integer Retry-After', async () => {
  const limited = await startSlackEmulator({ channels: [CHANNEL], channelLimit: { perSecond: 1, burst: 2 } });
  try {
    const post = () => fetch(`${limited.apiUrl}chat.postMessage`, { method: 'POST', headers: { authorization: `Bearer ${limited.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ channel: CHANNEL, text: 'x' }) });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    const tooMany = await post();
    expect(tooMany.status).toBe(429);
    expect(tooMany.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await tooMany.json()).toEqual({ ok: false, error: 'ratelimited' });
  } finally {
    await limited.close();
  }
});
