// The Discord emulator rejects what Discord rejects, with Discord's status, code and error tree,
// as seen through the real discord.js REST client (so a payload that passes here passes there).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DiscordAPIError, Routes } from 'discord.js';
import type { REST } from 'discord.js';
import { createDiscordRest } from '../../src/chat/discord/discord-rest.ts';
import { startDiscordEmulator } from '../support/discord-emulator.ts';
import type { DiscordEmulator } from '../support/discord-emulator.ts';

const CHANNEL = '100000000000000001';
let discord: DiscordEmulator;
let rest: REST;

beforeAll(async () => {
  discord = await startDiscordEmulator({ channels: [CHANNEL], routeLimit: null });
  rest = createDiscordRest(discord.token, { api: discord.apiUrl });
});
afterAll(async () => {
  await discord.close();
});

async function rejection(body: object): Promise<DiscordAPIError> {
  const error: unknown = await rest.post(Routes.channelMessages(CHANNEL), { body }).then(() => null, (e: unknown) => e);
  if (!(error instanceof DiscordAPIError)) throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return error;
}

const field = (name: string, value: string) => ({ name, value });

describe('invalid messages answer 400 like Discord', () => {
  test.each([
    ['content over 2,000', { content: 'x'.repeat(2001) }, ['content']],
    ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, ['embeds']],
    ['title over 256', { embeds: [{ title: 'x'.repeat(257) }] }, ['embeds', '0', 'title']],
    ['description over 4,096', { embeds: [{ description: 'x'.repeat(4097) }] }, ['embeds', '0', 'description']],
    ['26 fields', { embeds: [{ fields: Array.from({ length: 26 }, () => field('n', 'v')) }] }, ['embeds', '0', 'fields']],
    ['field name over 256', { embeds: [{ fields: [field('x'.repeat(257), 'v')] }] }, ['embeds', '0', 'fields', '0', 'name']],
    ['empty field value', { embeds: [{ fields: [field('n', '')] }] }, ['embeds', '0', 'fields', '0', 'value']],
    ['field value over 1,024', { embeds: [{ fields: [field('n', 'x'.repeat(1025))] }] }, ['embeds', '0', 'fields', '0', 'value']],
    ['footer over 2,048', { embeds: [{ footer: { text: 'x'.repeat(2049) } }] }, ['embeds', '0', 'footer', 'text']],
    ['all embed text over 6,000', { embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] }, ['embeds']],
    // 4,001 code points but 6,001 UTF-16 code units: Discord counts the latter.
    ['6,001 counted in UTF-16 code units', { embeds: [{ description: '😀'.repeat(2000), title: 'x'.repeat(256), fields: [field('n'.repeat(256), 'v'.repeat(1024))], footer: { text: 'f'.repeat(465) } }] }, ['embeds']],
    ['a javascript: url', { embeds: [{ title: 't', url: 'javascript:alert(1)' }] }, ['embeds', '0', 'url']],
    ['colour out of range', { embeds: [{ title: 't', color: 0x1000000 }] }, ['embeds', '0', 'color']],
    ['nonce over 25', { content: 'x', nonce: 'n'.repeat(26), enforce_nonce: true }, ['nonce']],
    ['parse users with a users list', { content: 'x', allowed_mentions: { parse: ['users'], users: ['1'] } }, ['allowed_mentions']],
  ])('%s', async (_name, body, path) => {
    const error = await rejection(body);
    expect(error.status).toBe(400);
    expect(error.code).toBe(50035);
    let node: unknown = (error.rawError as { errors?: unknown }).errors;
    for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
    expect((node as { _errors?: unknown[] } | undefined)?._errors?.length).toBeGreaterThan(0);
  });

  test('an empty message is 50006', async () => {
    const error = await rejection({ content: '', embeds: [] });
    expect([error.status, error.code]).toEqual([400, 50006]);
  });

  test('a message at every limit is accepted', async () => {
    const embed = { title: 'x'.repeat(256), description: 'x'.repeat(4096), fields: [field('n'.repeat(100), 'v'.repeat(1024))], footer: { text: 'f'.repeat(6000 - 256 - 4096 - 1124) } };
    await expect(rest.post(Routes.channelMessages(CHANNEL), { body: { content: 'c'.repeat(2000), embeds: [embed] } })).resolves.toMatchObject({ channel_id: CHANNEL });
  });
});

test('a missing or wrong bot token is 401', async () => {
  const error: unknown = await createDiscordRest('nope', { api: discord.apiUrl }).post(Routes.channelMessages(CHANNEL), { body: { content: 'x' } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DiscordAPIError);
  expect((error as DiscordAPIError).status).toBe(401);
});

test('buckets announce themselves in the X-RateLimit headers and 429 carries the real ones', async () => {
  const limited = await startDiscordEmulator({ channels: [CHANNEL], routeLimit: { limit: 1, windowMs: 60_000 } });
  try {
    const url = `${limited.apiUrl}/v10/channels/${CHANNEL}/messages`;
    const post = () => fetch(url, { method: 'POST', headers: { authorization: `Bot ${limited.token}`, 'content-type': 'application/json' }, body: '{"content":"x"}' });
    const ok = await post();
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-limit')).toBe('1');
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(ok.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(50);
    expect(ok.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]+$/);
    const tooMany = await post();
    expect(tooMany.status).toBe(429);
    expect(tooMany.headers.get('x-ratelimit-scope')).toBe('user');
    expect(Number(tooMany.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(await tooMany.json()).toMatchObject({ message: 'You are being rate limited.', global: false });
    limited.failNext(1, { status: 429, retryAfter: 2.5, global: true });
    const global = await post();
    expect([global.status, global.headers.get('x-ratelimit-global'), global.headers.get('x-ratelimit-scope'), global.headers.get('retry-after')]).toEqual([429, 'true', 'global', '2.500']);
    expect(await global.json()).toEqual({ message: 'You are being rate limited.', retry_after: 2.5, global: true });
  } finally {
    await limited.close();
  }
});

test('the global limit answers 429 past the configured requests per second', async () => {
  const limited = await startDiscordEmulator({ channels: [CHANNEL], routeLimit: null, globalPerSecond: 3 });
  try {
    const get = () => fetch(`${limited.apiUrl}/v10/channels/${CHANNEL}/messages/1`, { headers: { authorization: `Bot ${limited.token}` } });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await get()).status);
    // Four requests well inside one second, unless this machine stalls for a second between them.
    expect(statuses.slice(0, 3)).toEqual([404, 404, 404]);
    expect([429, 404]).toContain(statuses[3]);
  } finally {
    await limited.close();
  }
});
