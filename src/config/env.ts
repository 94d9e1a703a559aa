// The environment variables wirewatch reads: the only place that looks at process.env.
// Every one is listed and explained in .env.example.
import { DEFAULT_DISCORD_API, DEFAULT_SLACK_API } from '../domain/platform-apis.ts';

export interface Env {
  readonly configFile: string | null;
  readonly databaseUrl: string | null;
  readonly logLevel: string;
  /** Discord API base (WIREWATCH_DISCORD_API), without the version: URLs are `${discordApi}/v10/…`. */
  readonly discordApi: string;
  /** Slack Web API base (WIREWATCH_SLACK_API), ending in "/". */
  readonly slackApi: string;
  /**
   * Every non-empty variable, for the secrets config names (`tokenEnv: DISCORD_TOKEN` by default;
   * also DISCORD_CHANNEL_ID, DISCORD_WEBHOOK_URL, SLACK_BOT_TOKEN, SLACK_CHANNEL, SLACK_WEBHOOK_URL).
   */
  readonly vars: ReadonlyMap<string, string>;
}

type EnvSource = Readonly<Record<string, string | undefined>>;

export function readEnv(source: EnvSource): Env {
  return {
    configFile: nonEmpty(source.WIREWATCH_CONFIG),
    databaseUrl: nonEmpty(source.DATABASE_URL),
    logLevel: nonEmpty(source.WIREWATCH_LOG_LEVEL) ?? 'info',
    discordApi: (nonEmpty(source.WIREWATCH_DISCORD_API) ?? DEFAULT_DISCORD_API).replace(/\/+$/, ''),
    slackApi: (nonEmpty(source.WIREWATCH_SLACK_API) ?? DEFAULT_SLACK_API).replace(/\/*$/, '/'),
    vars: new Map(Object.entries(source).flatMap(([key, value]) => {
      const v = nonEmpty(value);
      return v === null ? [] : [[key, v] as const];
    })),
  };
}

/** The variables that must be http(s) URLs and are not, one message each (empty when all is well). */
export function envProblems(env: Env): string[] {
  const problems: string[] = [];
  for (const [name, value, example] of [
    ['WIREWATCH_DISCORD_API', env.discordApi, DEFAULT_DISCORD_API],
    ['WIREWATCH_SLACK_API', env.slackApi, DEFAULT_SLACK_API],
  ] as const) {
    if (!isHttpUrl(value)) problems.push(`${name}: expected an http(s) URL such as ${example}, got ${JSON.stringify(value)}`);
  }
  return problems;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function nonEmpty(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== '' ? value.trim() : null;
}

/** Loads KEY=value lines from .env into process.env when the file exists (existing variables win). */
export function loadDotEnv(file: string): void {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`config: cannot read ${file}`, { cause: error });
  }
}
