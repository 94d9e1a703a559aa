// Destination type `discord`: a channel, posted to by a bot (token and channel from the environment,
// or the channel in the config). Channels subscribed from chat (`discord:ID`) post with DISCORD_TOKEN.
import { z } from 'zod';
import { defineDestinationType, deliverySettings, envName } from '../destination-type.ts';
import type { SharedClients } from '../destination-type.ts';

export const discordMention = z.string().regex(/^<@&?!?\d{15,25}>$/, 'expected a Discord role mention <@&ROLE_ID> or user mention <@USER_ID>');

interface DiscordBotDestination {
  readonly type: 'discord';
  readonly name: string;
  readonly token: string;
  readonly channelId: string;
  readonly apiUrl: string;
  readonly timeoutMs: number;
}

/** Timeout of the sinks of channels subscribed from chat. */
const CHANNEL_TIMEOUT_MS = 15_000;

export const discordBotDestination = defineDestinationType({
  type: 'discord',
  settings: {
    tokenEnv: envName.default('DISCORD_TOKEN'),
    channel: z.string().regex(/^\d{15,25}$/, 'expected a Discord channel id (digits)').optional(),
    channelEnv: envName.default('DISCORD_CHANNEL_ID'),
    mention: discordMention.optional(),
    ...deliverySettings,
  },
  resolve(settings, env) {
    const token = env.vars.get(settings.tokenEnv) ?? null;
    const channel = settings.channel ?? env.vars.get(settings.channelEnv) ?? null;
    if (token === null || channel === null) return { kind: 'missing', missing: [...(token === null ? [settings.tokenEnv] : []), ...(channel === null ? [settings.channelEnv] : [])] };
    const destination: DiscordBotDestination = { type: 'discord', name: settings.name, token, channelId: channel, apiUrl: env.discordApi, timeoutMs: settings.timeout * 1000 };
    return { kind: 'ok', destination };
  },
  async openSink(destination: DiscordBotDestination, clients) {
    const open = await loadDiscordBot();
    return open(destination.name, destination.channelId, { token: destination.token, api: destination.apiUrl, timeoutMs: destination.timeoutMs }, clients);
  },
  channels: {
    platform: 'discord',
    async open(env, clients) {
      const token = env.vars.get('DISCORD_TOKEN');
      if (token === undefined) return null;
      const open = await loadDiscordBot();
      return (name, channel) => open(name, channel, { token, api: env.discordApi, timeoutMs: CHANNEL_TIMEOUT_MS }, clients);
    },
  },
});

/** The bot's sink over one REST client per bot token and API base. */
async function loadDiscordBot() {
  const [{ createDiscordBotSink }, { createDiscordRest }] = await Promise.all([import('./discord-bot-sink.ts'), import('./discord-rest.ts')]);
  return (name: string, channelId: string, bot: { token: string; api: string; timeoutMs: number }, clients: SharedClients) =>
    createDiscordBotSink({ name, channelId, rest: clients.get(`discord ${bot.api} ${bot.token}`, () => createDiscordRest(bot.token, { api: bot.api, timeoutMs: bot.timeoutMs })) });
}
