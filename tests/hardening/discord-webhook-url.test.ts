// DISCORD_WEBHOOK_URL is used as given, host included: a webhook URL pointing at a proxy (here the
// emulator) is where the posts go, whatever WIREWATCH_DISCORD_API says.
import { afterEach, expect, it } from 'vitest';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readEnv } from '../../src/config/env.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { openDestinationSinks } from '../../src/app/open-sinks.ts';
import { startDiscordEmulator, type DiscordEmulator } from '../support/discord-emulator.ts';
import { makeAlert } from '../chat/alert-fixture.ts';

const CHANNEL = '100000000000000001';
let discord: DiscordEmulator | null = null;
afterEach(async () => {
  await discord?.close();
});

it.each([
  ['without a version', ''],
  ['with /v10', '/v10'],
])('posts to the host of the webhook URL (%s), not to WIREWATCH_DISCORD_API', async (_name, version) => {
  discord = await startDiscordEmulator({ channels: [CHANNEL] });
  const hook = discord.addWebhook(CHANNEL);
  const env = readEnv({
    DISCORD_WEBHOOK_URL: `${discord.apiUrl}${version}/webhooks/${hook.id}/${hook.token}`,
    WIREWATCH_DISCORD_API: 'http://127.0.0.1:9/api', // nothing listens there
  });
  const loaded = parseConfig('destinations:\n  - { name: hook, type: discord-webhook, timeout: 5s }', join(tmpdir(), 'w.yaml'), env);
  if (loaded.kind !== 'ok') throw new Error(loaded.message);
  const [sink] = await openDestinationSinks(loaded.config.destinations);
  const outcome = await sink?.send(makeAlert(), { nonce: 'ww-1', mention: null });
  sink?.close?.();
  expect(outcome).toMatchObject({ kind: 'sent' });
  expect(discord.messages(CHANNEL)).toHaveLength(1);
});
