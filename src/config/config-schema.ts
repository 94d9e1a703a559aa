// The shape of config/wirewatch.yaml, validated once with zod into typed slices.
import { z } from 'zod';
import { durationSeconds } from './duration.ts';
import { destinationsSchema } from './destinations-schema.ts';
import { checkRouteNames, routesSchema } from './routes-schema.ts';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const id = z.string().regex(ID, 'expected an id of letters, digits, ".", "_" or "-" (at most 64 characters)');

const feedSchema = z.strictObject({
  id: id.optional(),
  url: z.string().min(1, 'expected a feed URL or file path'),
  title: z.string().min(1).optional(),
  interval: durationSeconds(1, 86_400).optional(),
  /** Adaptive polling bounds for this feed (over the top-level ones). */
  minInterval: durationSeconds(1, 7 * 86_400).optional(),
  maxInterval: durationSeconds(1, 7 * 86_400).optional(),
  backfill: z.number().int().min(0).max(1000).default(0),
  /** Folder path for OPML export, levels separated by "/" ("News/World"). */
  category: z.string().min(1).max(200).optional(),
});

export const ruleSchema = z.strictObject({
  id,
  query: z.string().min(1, 'expected a query').max(2000, 'a query is at most 2000 characters'),
  description: z.string().optional(),
});

const fetchSchema = z.strictObject({
  timeout: durationSeconds(1, 300).default(30),
  connectTimeout: durationSeconds(1, 120).default(10),
  maxBytes: z.number().int().min(1024).max(200 * 1024 * 1024).default(10 * 1024 * 1024),
  maxRedirects: z.number().int().min(0).max(20).default(5),
  perHost: z.number().int().min(1).max(32).default(2),
  /** Unset: sized from the feeds and their intervals (see load-config). */
  concurrency: z.number().int().min(1).max(1024).optional(),
  /** How long a worker's claim on a feed holds; a dead worker's feeds are taken over after it. */
  lease: durationSeconds(2, 3600).default(60),
});

/** The one HTTP server: /healthz, /readyz, /metrics and Slack's request URL (README "Operations"). */
const httpSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535),
});

/** WebSub push (on when `publicUrl` is set): the lease asked of hubs, the polling interval while pushes arrive. */
const websubSchema = z.strictObject({
  lease: durationSeconds(60, 30 * 86_400).default(10 * 86_400),
  safetyInterval: durationSeconds(1, 7 * 86_400).default(3600),
});

const publicUrlSchema = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
    } catch {
      return false;
    }
  }, 'expected the http(s) base URL hubs can reach this worker at, without query or fragment (e.g. "https://wirewatch.example.com")');

export const configSchema = z
  .strictObject({
    interval: durationSeconds(1, 86_400).default(120),
    /** Adaptive polling (opt-in): each feed's interval follows its update rate within these bounds. */
    minInterval: durationSeconds(1, 7 * 86_400).optional(),
    maxInterval: durationSeconds(1, 7 * 86_400).optional(),
    /** The base URL hubs call back; WebSub is on only when set (and needs `http`). */
    publicUrl: publicUrlSchema.optional(),
    websub: websubSchema.default(() => websubSchema.parse({})),
    database: z.string().min(1).optional(),
    /** The chat front ends move to another worker within about this long after their worker dies. */
    leaderLease: durationSeconds(2, 300).default(20),
    /** Items older than this are pruned, except what alerts, the outbox and open stories still need. */
    retention: durationSeconds(86_400, 10 * 365 * 86_400).default(30 * 86_400),
    fetch: fetchSchema.default(() => fetchSchema.parse({})),
    feeds: z.array(feedSchema).default([]),
    rules: z.array(ruleSchema).default([]),
    destinations: destinationsSchema,
    routes: routesSchema,
    http: httpSchema.optional(),
  })
  .superRefine((config, ctx) => {
    flagDuplicates(config.rules.map((r) => r.id), ['rules'], 'rule id', ctx);
    flagDuplicates(config.destinations.map((d) => d.name), ['destinations'], 'destination name', ctx);
    flagDuplicates(config.feeds.map((f) => f.url), ['feeds'], 'feed url', ctx);
    checkRouteNames(config, ctx);
    checkIntervalBounds(config.minInterval, config.maxInterval, [], ctx);
    config.feeds.forEach((feed, index) => checkIntervalBounds(feed.minInterval ?? config.minInterval, feed.maxInterval ?? config.maxInterval, ['feeds', index], ctx));
    if (config.publicUrl !== undefined && config.http === undefined) {
      ctx.addIssue({ code: 'custom', path: ['publicUrl'], message: 'WebSub callbacks arrive on the HTTP server: set "http: { host, port }" too' });
    }
  });

function checkIntervalBounds(min: number | undefined, max: number | undefined, path: (string | number)[], ctx: z.RefinementCtx): void {
  if (min !== undefined && max !== undefined && min > max) {
    ctx.addIssue({ code: 'custom', path: [...path, 'minInterval'], message: `minInterval (${min} s) is longer than maxInterval (${max} s)` });
  }
}

function flagDuplicates(values: readonly string[], path: string[], what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [...path, index], message: `duplicate ${what} "${value}"` });
    seen.add(value);
  });
}

export type ConfigFile = z.output<typeof configSchema>;
export type RuleConfig = z.output<typeof ruleSchema>;
export type { DestinationConfig } from './destinations-schema.ts';
