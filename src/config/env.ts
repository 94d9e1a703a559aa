// The environment variables wirewatch reads: the only place that looks at process.env. Each one
// goes through the schema below; a bad value becomes one "environment: NAME: …" problem, reported
// with the config's (see envProblems). Every one is listed and explained in .env.example.
import { z } from 'zod';
import { DEFAULT_DISCORD_API, DEFAULT_SLACK_API } from '../domain/platform-apis.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The `/news` front ends' settings (README "Slash commands"); secrets included: never log them. */
export interface ChatEnv {
  readonly discord: {
    readonly token: string | null;
    readonly applicationId: string | null;
    readonly guildIds: readonly string[];
    readonly managerRoleIds: readonly string[];
  };
  readonly slack: {
    readonly botToken: string | null;
    readonly signingSecret: string | null;
    readonly appToken: string | null;
    /** Slack's Request URL port when there is no `http:` server and no Socket Mode. */
    readonly commandsPort: number;
    readonly commandsHost: string;
    readonly managerIds: readonly string[];
  };
}

export interface Env {
  readonly configFile: string | null;
  readonly databaseUrl: string | null;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Discord API base (WIREWATCH_DISCORD_API), without the version: URLs are `${discordApi}/v10/…`. */
  readonly discordApi: string;
  /** Slack Web API base (WIREWATCH_SLACK_API), ending in "/". */
  readonly slackApi: string;
  readonly chat: ChatEnv;
  /**
   * Every non-empty variable, for the secrets the config names by variable (`tokenEnv: DISCORD_TOKEN`
   * by default; also DISCORD_CHANNEL_ID, DISCORD_WEBHOOK_URL, SLACK_BOT_TOKEN, SLACK_CHANNEL, SLACK_WEBHOOK_URL).
   */
  readonly vars: ReadonlyMap<string, string>;
  /** Variables whose value is not valid, one message each (empty when all is well). */
  readonly problems: readonly string[];
}

type EnvSource = Readonly<Record<string, string | undefined>>;

/** Unset and blank are the same; values are trimmed. */
const text = z.string().trim().transform((value) => (value === '' ? null : value)).nullable().default(null);
const withDefault = (fallback: string) => text.transform((value) => value ?? fallback);
const httpUrl = (fallback: string) =>
  withDefault(fallback).refine(isHttpUrl, { message: `expected an http(s) URL such as ${fallback}` });
/** A comma-separated list of ids matching `pattern`. */
const idList = (pattern: RegExp, what: string) =>
  text
    .transform((value) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean))
    .refine((ids) => ids.every((id) => pattern.test(id)), { message: `expected ${what}, separated by commas` });
const SNOWFLAKE = /^\d{15,25}$/;
const PORT = text
  .refine((port) => port === null || (/^\d{1,5}$/.test(port) && Number(port) <= 65_535), { message: 'expected a port number from 0 to 65535' })
  .transform((port) => (port === null ? 3000 : Number(port)));

const LOG_LEVEL = withDefault('info').refine((level): level is Env['logLevel'] => (LOG_LEVELS as readonly string[]).includes(level), { message: `expected one of ${LOG_LEVELS.join(', ')}` });

/** Reads the environment through the schemas above; a bad variable keeps its default and adds a problem. */
export function readEnv(source: EnvSource): Env {
  const problems: string[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>): T => {
    const result = schema.safeParse(source[name]);
    if (result.success) return result.data;
    problems.push(`${name}: ${result.error.issues[0]?.message ?? 'invalid'}, got ${JSON.stringify(source[name])}`);
    return schema.parse(undefined);
  };
  const env: Omit<Env, 'problems'> = {
    configFile: read('WIREWATCH_CONFIG', text),
    databaseUrl: read('DATABASE_URL', text),
    logLevel: read('WIREWATCH_LOG_LEVEL', LOG_LEVEL) as Env['logLevel'],
    discordApi: read('WIREWATCH_DISCORD_API', httpUrl(DEFAULT_DISCORD_API).transform((url) => url.replace(/\/+$/, ''))),
    slackApi: read('WIREWATCH_SLACK_API', httpUrl(DEFAULT_SLACK_API).transform((url) => url.replace(/\/*$/, '/'))),
    chat: {
      discord: {
        token: read('DISCORD_TOKEN', text),
        applicationId: read('DISCORD_APPLICATION_ID', text.refine((id) => id === null || SNOWFLAKE.test(id), { message: 'expected the application id (digits)' })),
        guildIds: read('DISCORD_GUILD_IDS', idList(SNOWFLAKE, 'server (guild) ids (digits)')),
        managerRoleIds: read('DISCORD_MANAGER_ROLE_IDS', idList(SNOWFLAKE, 'role ids (digits)')),
      },
      slack: {
        botToken: read('SLACK_BOT_TOKEN', text),
        signingSecret: read('SLACK_SIGNING_SECRET', text),
        appToken: read('SLACK_APP_TOKEN', text.refine((token) => token === null || token.startsWith('xapp-'), { message: 'expected an app-level token (xapp-…)' })),
        commandsPort: read('SLACK_COMMANDS_PORT', PORT),
        commandsHost: read('SLACK_COMMANDS_HOST', withDefault('0.0.0.0').refine((host) => /^[A-Za-z0-9.:[\]-]+$/.test(host), { message: 'expected a host name or IP address' })),
        managerIds: read('SLACK_MANAGER_IDS', idList(/^[UWS][A-Z0-9]+$/, 'Slack user ids (U…, W…) or user-group ids (S…)')),
      },
    },
    vars: new Map(
      Object.entries(source).flatMap(([key, value]) => {
        const v = value?.trim() ?? '';
        return v === '' ? [] : [[key, v] as const];
      }),
    ),
  };
  return { ...env, problems };
}

/** The variables whose value is not valid, one message each (empty when all is well). */
export function envProblems(env: Env): readonly string[] {
  return env.problems;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Loads KEY=value lines from .env into process.env when the file exists (existing variables win). */
export function loadDotEnv(file: string): void {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`config: cannot read ${file}`, { cause: error });
  }
}
