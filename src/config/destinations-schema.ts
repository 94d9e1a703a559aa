// Where alerts go (config `destinations`): console, a Discord channel through a bot or a webhook,
// a Slack channel through a bot or an incoming webhook. Secrets never sit in the file: it names
// the environment variable holding each (a default one otherwise). Limits: spec/chat-limits.md.
import { z } from 'zod';
import { durationSeconds } from './duration.ts';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const name = z.string().regex(ID, 'expected a name of letters, digits, ".", "_" or "-" (at most 64 characters)');
const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the NAME of an environment variable holding the secret (never the secret itself)');
const discordMention = z
  .string()
  .regex(/^<@&?!?\d{15,25}>$/, 'expected a Discord role mention <@&ROLE_ID> or user mention <@USER_ID>');
const slackMention = z
  .string()
  .regex(/^<(!subteam\^[A-Z0-9]+|@[UW][A-Z0-9]+|!here|!channel)>$/, 'expected a Slack user group <!subteam^S…>, user <@U…>, <!here> or <!channel>');

/** What every chat destination may say about delivery. */
const delivery = {
  /** Alerts still undelivered this long after they were stored go out as one "missed" digest. */
  missedAfter: durationSeconds(60, 7 * 86_400).optional(),
  /** Per-request timeout of the platform client. */
  timeout: durationSeconds(1, 120).default(15),
  /** true: missing secrets are a config error; false (default): the destination is skipped, with a log line. */
  required: z.boolean().default(false),
};

export const destinationSchema = z.discriminatedUnion('type', [
  z.strictObject({
    name,
    type: z.literal('console'),
    /** Only used when no other destination is set up (the offline default). */
    fallback: z.boolean().default(false),
  }),
  z.strictObject({
    name,
    type: z.literal('discord'),
    tokenEnv: envName.default('DISCORD_TOKEN'),
    channel: z.string().regex(/^\d{15,25}$/, 'expected a Discord channel id (digits)').optional(),
    channelEnv: envName.default('DISCORD_CHANNEL_ID'),
    mention: discordMention.optional(),
    ...delivery,
  }),
  z.strictObject({
    name,
    type: z.literal('discord-webhook'),
    urlEnv: envName.default('DISCORD_WEBHOOK_URL'),
    mention: discordMention.optional(),
    ...delivery,
  }),
  z.strictObject({
    name,
    type: z.literal('slack'),
    tokenEnv: envName.default('SLACK_BOT_TOKEN'),
    channel: z.string().regex(/^[CGD][A-Z0-9]{5,}$/, 'expected a Slack channel id (C…)').optional(),
    channelEnv: envName.default('SLACK_CHANNEL'),
    mention: slackMention.optional(),
    ...delivery,
  }),
  z.strictObject({
    name,
    type: z.literal('slack-webhook'),
    urlEnv: envName.default('SLACK_WEBHOOK_URL'),
    mention: slackMention.optional(),
    ...delivery,
  }),
]);

/**
 * When the config has no `destinations`: the bot destinations light up when their secrets are set
 * (DISCORD_TOKEN + DISCORD_CHANNEL_ID, SLACK_BOT_TOKEN + SLACK_CHANNEL); otherwise alerts print.
 */
export const DEFAULT_DESTINATIONS: readonly z.input<typeof destinationSchema>[] = [
  { name: 'discord', type: 'discord' },
  { name: 'slack', type: 'slack' },
  { name: 'console', type: 'console', fallback: true },
];

export const destinationsSchema = z.array(destinationSchema).default(() => DEFAULT_DESTINATIONS.map((d) => destinationSchema.parse(d)));

export type DestinationConfig = z.output<typeof destinationSchema>;
