// Loads config/wirewatch.yaml (or --config / WIREWATCH_CONFIG), validates it, and resolves
// it into the typed slices the rest of the program receives. Errors name file, key path and cause.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { FeedSource } from '../domain/feed.ts';
import type { RuleDefinition } from '../domain/match.ts';
import type { DeliveryPolicy } from '../domain/route.ts';
import type { z } from 'zod';
import { configSchema } from './config-schema.ts';
import { resolveDestinations, type Destination, type InactiveDestination } from './destinations-schema.ts';
import { resolveRoute } from './routes-schema.ts';
import { envProblems, type Env } from './env.ts';
import { deriveFeedId } from './feed-id.ts';
import { formatIssues } from './format-issues.ts';
import { parseYaml } from './parse-yaml.ts';
import { redactUrl } from '../log/redact-url.ts';

export interface FetchSettings {
  readonly totalTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  readonly perHost: number;
  readonly concurrency: number;
  /** A worker's claim on a feed lasts this long (at least the total timeout plus a margin). */
  readonly leaseMs: number;
}

export interface Config {
  readonly file: string;
  readonly databaseUrl: string;
  readonly logLevel: string;
  /** The default poll interval (feeds added from chat use it). */
  readonly intervalSeconds: number;
  /** Items are kept this long (unless an alert, the outbox or an open story needs them). */
  readonly retentionMs: number;
  /** The lease on the chat front ends (one worker holds them); another worker takes over after it lapses. */
  readonly leaderLeaseMs: number;
  /** With `lazyFeeds`, validated and derived on first read (which throws InvalidConfigError for a bad feed). */
  readonly feeds: readonly FeedSource[];
  readonly rules: readonly RuleDefinition[];
  /**
   * Stands for the config's rules and feeds as written (and the defaults their derivation uses):
   * equal fingerprints mean equal rules and feeds, so seeding can skip them without reading them.
   */
  readonly seedFingerprint: string;
  /** Destinations to deliver to, secrets resolved (never log them). */
  readonly destinations: readonly Destination[];
  /** Configured chat destinations skipped because their secrets are not set. */
  readonly inactiveDestinations: readonly InactiveDestination[];
  /** Routes and per-destination delivery settings. */
  readonly delivery: DeliveryPolicy;
  readonly fetch: FetchSettings;
  /** Where the HTTP server listens (health, metrics, Slack's request URL, WebSub callbacks); null: no server. */
  readonly http: { readonly host: string; readonly port: number } | null;
  /** Adaptive polling bounds for feeds without their own (feeds added from chat); empty: fixed intervals. */
  readonly intervalBounds: { readonly minIntervalSeconds?: number; readonly maxIntervalSeconds?: number };
  /** WebSub push: null unless `publicUrl` is set. */
  readonly websub: WebSubSettings | null;
}

export interface WebSubSettings {
  /** The base URL hubs call back. */
  readonly publicUrl: string;
  /** The path on the HTTP server the callbacks arrive at (`/websub/<subscription id>`). */
  readonly callbackPath: string;
  readonly leaseSeconds: number;
  /** How often a feed is still polled while pushes arrive (never slower than the lease). */
  readonly safetyIntervalSeconds: number;
}

export const WEBSUB_CALLBACK_PATH = '/websub';

export type LoadConfigResult = { kind: 'ok'; config: Config } | { kind: 'invalid'; message: string };

export const DEFAULT_CONFIG_FILE = 'config/wirewatch.yaml';
export const DEFAULT_DATABASE = 'data/wirewatch.db';

export interface LoadOptions {
  /**
   * Validate and derive the feeds only when they are first read (a command that only needs them to
   * seed the database, which it skips when the fingerprint is unchanged: 50,000 feeds cost ~0.2 s).
   */
  readonly lazyFeeds?: boolean;
}

/** A config whose feeds, read lazily, turned out invalid: the message is the one loading would give. */
export class InvalidConfigError extends Error {
  override readonly name = 'InvalidConfigError';
}

/** Reads and validates the config; `explicitFile` is --config, which wins over the environment. */
export async function loadConfig(explicitFile: string | null, env: Env, cwd = process.cwd(), options: LoadOptions = {}): Promise<LoadConfigResult> {
  const file = resolve(cwd, explicitFile ?? env.configFile ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return invalid(file, code === 'ENOENT' ? 'file not found' : `cannot read: ${code ?? String(error)}`);
  }
  return parseConfig(text, file, env, cwd, options);
}

/**
 * Validates config text; exported for tests and for callers holding the text already. Relative paths
 * (feeds, database) resolve against `file`'s directory; `_cwd` is kept for callers that pass it.
 */
export function parseConfig(text: string, file: string, env: Env, _cwd?: string, options: LoadOptions = {}): LoadConfigResult {
  const problems = envProblems(env);
  if (problems.length > 0) return { kind: 'invalid', message: problems.map((problem) => `environment: ${problem}`).join('\n') };
  const yaml = parseYaml(text, file);
  if (yaml.kind === 'invalid') return yaml;
  const rawFeeds = isRecord(yaml.value) ? yaml.value['feeds'] : undefined;
  if (options.lazyFeeds === true && isRecord(yaml.value) && Array.isArray(rawFeeds)) {
    // Everything but the feeds now; the feeds, when read, by the full parse (the same checks and messages).
    const parsed = configSchema.safeParse({ ...yaml.value, feeds: [] });
    if (!parsed.success) return { kind: 'invalid', message: formatIssues(file, parsed.error.issues) };
    let feeds: readonly FeedSource[] | null = null;
    const feedsOf = (): readonly FeedSource[] => {
      if (feeds !== null) return feeds;
      const full = parseConfig(text, file, env);
      if (full.kind === 'invalid') throw new InvalidConfigError(full.message);
      feeds = full.config.feeds;
      return feeds;
    };
    return assemble(parsed.data, file, env, feedsOf, rawFeeds);
  }
  const parsed = configSchema.safeParse(yaml.value);
  if (!parsed.success) return { kind: 'invalid', message: formatIssues(file, parsed.error.issues) };
  const raw = parsed.data;
  const base = dirname(file);
  const feeds = raw.feeds.map((feed): FeedSource => {
    const url = isUrl(feed.url) ? feed.url : resolve(base, feed.url);
    return {
      id: feed.id ?? deriveFeedId(url),
      url,
      title: feed.title ?? null,
      backfill: feed.backfill,
      intervalSeconds: feed.interval ?? raw.interval,
      ...intervalBounds(feed.minInterval ?? raw.minInterval, feed.maxInterval ?? raw.maxInterval),
      ...(feed.category ? { category: feed.category } : {}),
    };
  });
  const clashes = duplicateFeedIds(feeds, file);
  if (clashes.length > 0) return { kind: 'invalid', message: clashes.join('\n') };
  return assemble(raw, file, env, () => feeds, rawFeeds);
}

type RawConfig = z.output<typeof configSchema>;

/** The typed config from validated YAML; `feedsOf` gives the feeds (at once, or on first read). */
function assemble(raw: RawConfig, file: string, env: Env, feedsOf: () => readonly FeedSource[], rawFeeds: unknown): LoadConfigResult {
  const base = dirname(file);
  const destinations = resolveDestinations(raw.destinations, env);
  if (destinations.errors.length > 0) {
    return { kind: 'invalid', message: destinations.errors.map(([index, message]) => `${file}: destinations[${index}]: ${message}`).join('\n') };
  }
  const rules = raw.rules.map((rule) => ({ id: rule.id, query: rule.query }));
  return {
    kind: 'ok',
    config: {
      file,
      // Relative to the config file, like feed paths: the same database whatever directory a command runs in.
      databaseUrl: env.databaseUrl ?? resolveDatabase(raw.database ?? DEFAULT_DATABASE, base),
      logLevel: env.logLevel,
      intervalSeconds: raw.interval,
      retentionMs: raw.retention * 1000,
      leaderLeaseMs: raw.leaderLease * 1000,
      get feeds() {
        return feedsOf();
      },
      rules,
      seedFingerprint: seedFingerprint(rules, rawFeeds, base, [raw.interval, raw.minInterval ?? null, raw.maxInterval ?? null]),
      destinations: destinations.active,
      inactiveDestinations: destinations.inactive,
      delivery: { routes: raw.routes.map(resolveRoute), destinations: destinations.policies },
      fetch: {
        totalTimeoutMs: raw.fetch.timeout * 1000,
        connectTimeoutMs: raw.fetch.connectTimeout * 1000,
        maxBytes: raw.fetch.maxBytes,
        maxRedirects: raw.fetch.maxRedirects,
        perHost: raw.fetch.perHost,
        get concurrency() {
          return raw.fetch.concurrency ?? sizeConcurrency(feedsOf());
        },
        leaseMs: Math.max(raw.fetch.lease, raw.fetch.timeout + 1) * 1000,
      },
      http: raw.http ?? null,
      intervalBounds: intervalBounds(raw.minInterval, raw.maxInterval),
      websub:
        raw.publicUrl === undefined
          ? null
          : { publicUrl: raw.publicUrl, callbackPath: WEBSUB_CALLBACK_PATH, leaseSeconds: raw.websub.lease, safetyIntervalSeconds: raw.websub.safetyInterval },
    },
  };
}

/** Bump when deriving feeds from what is written changes (ids, paths, intervals): every database re-seeds once. */
const SEED_FORMAT = 'seed-v1';

function seedFingerprint(rules: readonly RuleDefinition[], rawFeeds: unknown, base: string, defaults: readonly (number | null)[]): string {
  const hash = createHash('sha256');
  for (const part of [SEED_FORMAT, JSON.stringify(rules), JSON.stringify(rawFeeds ?? []), base, JSON.stringify(defaults)]) hash.update(`${part}\u0000`);
  return hash.digest('hex');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function intervalBounds(min: number | undefined, max: number | undefined): { minIntervalSeconds?: number; maxIntervalSeconds?: number } {
  return { ...(min === undefined ? {} : { minIntervalSeconds: min }), ...(max === undefined ? {} : { maxIntervalSeconds: max }) };
}

/** Fetches in flight needed to poll every feed once per interval if a poll takes up to 2 s, within [16, 512]. */
export function sizeConcurrency(feeds: readonly FeedSource[]): number {
  const pollsPerSecond = feeds.reduce((sum, feed) => sum + 1 / feed.intervalSeconds, 0);
  return Math.min(512, Math.max(16, Math.ceil(pollsPerSecond * 2)));
}

function resolveDatabase(value: string, base: string): string {
  return /^postgres(ql)?:\/\//.test(value) || value === ':memory:' || isAbsolute(value) ? value : resolve(base, value);
}

/** Two feeds with one id (the second would silently replace the first): one line per clash, naming both. */
function duplicateFeedIds(feeds: readonly FeedSource[], file: string): string[] {
  const first = new Map<string, number>();
  return feeds.flatMap((feed, index) => {
    const earlier = first.get(feed.id);
    if (earlier === undefined) {
      first.set(feed.id, index);
      return [];
    }
    const other = feeds[earlier]?.url ?? '';
    return [`${file}: feeds[${index}].id: feed id "${feed.id}" is used twice, by feeds[${earlier}] (${redactUrl(other)}) and feeds[${index}] (${redactUrl(feed.url)}); give each feed its own id`];
  });
}

function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

function invalid(where: string, message: string): LoadConfigResult {
  return { kind: 'invalid', message: `${where}: ${message}` };
}
