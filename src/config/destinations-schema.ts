// Where alerts go (config `destinations`): console, a Discord channel through a bot or a webhook,
// a Slack channel through a bot or an incoming webhook. Secrets never sit in the file: it names
// the environment variable holding each (a default one otherwise). Limits: docs/chat-limits.md.
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

// ---- Resolution: secrets and API bases from the environment, per-destination delivery policy ----

/** A destination ready to build a sink from (secrets included: never log one). */
export type Destination =
  | { readonly type: 'console'; readonly name: string }
  | { readonly type: 'discord'; readonly name: string; readonly token: string; readonly channelId: string; readonly apiUrl: string; readonly timeoutMs: number }
  | { readonly type: 'discord-webhook'; readonly name: string; readonly webhookId: string; readonly webhookToken: string; readonly apiUrl: string; readonly timeoutMs: number }
  | { readonly type: 'slack'; readonly name: string; readonly token: string; readonly channel: string; readonly apiUrl: string; readonly timeoutMs: number }
  | { readonly type: 'slack-webhook'; readonly name: string; readonly url: string; readonly timeoutMs: number };

export interface InactiveDestination {
  readonly name: string;
  readonly type: DestinationConfig['type'];
  /** Environment variables to set to enable it. */
  readonly missing: readonly string[];
}

export interface DestinationEnv {
  readonly discordApi: string;
  readonly slackApi: string;
  /** Non-empty environment variables by name. */
  readonly vars: ReadonlyMap<string, string>;
}

export interface ResolvedDestinations {
  readonly active: readonly Destination[];
  readonly inactive: readonly InactiveDestination[];
  readonly policies: ReadonlyMap<string, { readonly mention: string | null; readonly missedAfterMs: number | null; readonly timeoutMs: number }>;
  /** Problems to report as invalid config: [index, message]. */
  readonly errors: readonly (readonly [number, string])[];
}

const DISCORD_WEBHOOK_PATH = /\/webhooks\/(\d{15,25})\/([\w-]{20,})\/?$/;

export function resolveDestinations(configs: readonly DestinationConfig[], env: DestinationEnv): ResolvedDestinations {
  const active: Destination[] = [];
  const inactive: InactiveDestination[] = [];
  const errors: [number, string][] = [];
  const policies = new Map<string, { mention: string | null; missedAfterMs: number | null; timeoutMs: number }>();
  const fallbacks: Destination[] = [];
  configs.forEach((config, index) => {
    if (config.type === 'console') {
      (config.fallback ? fallbacks : active).push({ type: 'console', name: config.name });
      policies.set(config.name, { mention: null, missedAfterMs: null, timeoutMs: 15_000 });
      return;
    }
    policies.set(config.name, { mention: config.mention ?? null, missedAfterMs: config.missedAfter === undefined ? null : config.missedAfter * 1000, timeoutMs: config.timeout * 1000 });
    const found = resolveChat(config, env);
    if (found.kind === 'ok') {
      active.push(found.destination);
      return;
    }
    if (found.kind === 'invalid') errors.push([index, found.message]);
    else if (config.required) errors.push([index, `required, but ${found.missing.join(' and ')} ${found.missing.length > 1 ? 'are' : 'is'} not set in the environment`]);
    else inactive.push({ name: config.name, type: config.type, missing: found.missing });
  });
  return { active: active.length > 0 ? active : fallbacks, inactive, policies, errors };
}

type Found = { kind: 'ok'; destination: Destination } | { kind: 'missing'; missing: string[] } | { kind: 'invalid'; message: string };

function resolveChat(config: Exclude<DestinationConfig, { type: 'console' }>, env: DestinationEnv): Found {
  const get = (varName: string): string | null => env.vars.get(varName) ?? null;
  const timeoutMs = config.timeout * 1000;
  switch (config.type) {
    case 'discord':
    case 'slack': {
      const token = get(config.tokenEnv);
      const channel = config.channel ?? get(config.channelEnv);
      const missing = [...(token === null ? [config.tokenEnv] : []), ...(channel === null ? [config.channelEnv] : [])];
      if (token === null || channel === null) return { kind: 'missing', missing };
      return config.type === 'discord'
        ? { kind: 'ok', destination: { type: 'discord', name: config.name, token, channelId: channel, apiUrl: env.discordApi, timeoutMs } }
        : { kind: 'ok', destination: { type: 'slack', name: config.name, token, channel, apiUrl: env.slackApi, timeoutMs } };
    }
    case 'discord-webhook': {
      const url = get(config.urlEnv);
      if (url === null) return { kind: 'missing', missing: [config.urlEnv] };
      const m = DISCORD_WEBHOOK_PATH.exec(safePath(url));
      const apiUrl = webhookApiBase(url);
      if (!m || m[1] === undefined || m[2] === undefined || apiUrl === null) return { kind: 'invalid', message: `${config.urlEnv} is not a Discord webhook URL (https://…/api/webhooks/ID/TOKEN)` };
      return { kind: 'ok', destination: { type: 'discord-webhook', name: config.name, webhookId: m[1], webhookToken: m[2], apiUrl, timeoutMs } };
    }
    case 'slack-webhook': {
      const url = get(config.urlEnv);
      if (url === null) return { kind: 'missing', missing: [config.urlEnv] };
      if (!/^https?:\/\/[^\s]+$/.test(url)) return { kind: 'invalid', message: `${config.urlEnv} is not an http(s) URL` };
      return { kind: 'ok', destination: { type: 'slack-webhook', name: config.name, url, timeoutMs } };
    }
  }
}

/**
 * The webhook URL is used as given, host included (a proxy in front of Discord works): its API base is
 * everything before `/webhooks/`, without a version segment (the client adds /v10).
 */
function webhookApiBase(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    const base = parsed.pathname.slice(0, parsed.pathname.lastIndexOf('/webhooks/')).replace(/\/v\d+$/, '');
    return `${parsed.origin}${base}`;
  } catch {
    return null;
  }
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
