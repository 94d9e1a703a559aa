// Destination type `slack`: a channel, posted to by a bot (token and channel from the environment,
// or the channel in the config). Channels subscribed from chat (`slack:ID`) post with SLACK_BOT_TOKEN.
import { z } from 'zod';
import { defineDestinationType, deliverySettings, envName } from '../destination-type.ts';
import type { SharedClients } from '../destination-type.ts';

export const slackMention = z
  .string()
  .regex(/^<(!subteam\^[A-Z0-9]+|@[UW][A-Z0-9]+|!here|!channel)>$/, 'expected a Slack user group <!subteam^S…>, user <@U…>, <!here> or <!channel>');

interface SlackBotDestination {
  readonly type: 'slack';
  readonly name: string;
  readonly token: string;
  readonly channel: string;
  readonly apiUrl: string;
  readonly timeoutMs: number;
}

/** Timeout of the sinks of channels subscribed from chat. */
const CHANNEL_TIMEOUT_MS = 15_000;

export const slackBotDestination = defineDestinationType({
  type: 'slack',
  settings: {
    tokenEnv: envName.default('SLACK_BOT_TOKEN'),
    channel: z.string().regex(/^[CGD][A-Z0-9]{5,}$/, 'expected a Slack channel id (C…)').optional(),
    channelEnv: envName.default('SLACK_CHANNEL'),
    mention: slackMention.optional(),
    ...deliverySettings,
  },
  resolve(settings, env) {
    const token = env.vars.get(settings.tokenEnv) ?? null;
    const channel = settings.channel ?? env.vars.get(settings.channelEnv) ?? null;
    if (token === null || channel === null) return { kind: 'missing', missing: [...(token === null ? [settings.tokenEnv] : []), ...(channel === null ? [settings.channelEnv] : [])] };
    const destination: SlackBotDestination = { type: 'slack', name: settings.name, token, channel, apiUrl: env.slackApi, timeoutMs: settings.timeout * 1000 };
    return { kind: 'ok', destination };
  },
  async openSink(destination: SlackBotDestination, clients) {
    const open = await loadSlackBot();
    return open(destination.name, destination.channel, { token: destination.token, apiUrl: destination.apiUrl, timeoutMs: destination.timeoutMs }, clients);
  },
  channels: {
    platform: 'slack',
    async open(env, clients) {
      const token = env.vars.get('SLACK_BOT_TOKEN');
      if (token === undefined) return null;
      const open = await loadSlackBot();
      return (name, channel) => open(name, channel, { token, apiUrl: env.slackApi, timeoutMs: CHANNEL_TIMEOUT_MS }, clients);
    },
  },
});

/** The bot's sink over one Web API client per bot token and API base. */
async function loadSlackBot() {
  const [{ createSlackBotSink }, { createSlackClient }] = await Promise.all([import('./slack-bot-sink.ts'), import('./slack-client.ts')]);
  return (name: string, channel: string, bot: { token: string; apiUrl: string; timeoutMs: number }, clients: SharedClients) =>
    createSlackBotSink({ name, channel, client: clients.get(`slack ${bot.apiUrl} ${bot.token}`, () => createSlackClient(bot.token, { apiUrl: bot.apiUrl, timeoutMs: bot.timeoutMs })) });
}
