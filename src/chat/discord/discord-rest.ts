// One discord.js REST client per bot token, configured so the outbox owns retries, and the
// mapping of what discord.js throws to a SendOutcome. Rules: docs/chat-limits.md.
// Library: https://discord.js.org/docs/packages/rest/main/RESTOptions:Interface
import { DiscordAPIError, HTTPError, RateLimitError, REST } from 'discord.js';
import type { RESTOptions } from 'discord.js';
import { attemptSend, DEFAULT_MAX_CLIENT_WAIT_MS, httpErrorOutcome, isNetworkError, malformedSuccess, networkRetry } from '../send-retry.ts';
import type { SendOutcome } from '../chat-sink.ts';
import { DEFAULT_DISCORD_API } from '../../domain/platform-apis.ts';

export interface DiscordRestOptions {
  /** Base URL without version, e.g. WIREWATCH_DISCORD_API; URLs are built as `${api}/v10/…`. */
  readonly api?: string;
  /** Per-request timeout; a timeout is a retry outcome. */
  readonly timeoutMs?: number;
  /**
   * Rate-limit waits up to this long happen inside discord.js (which queues per bucket, so order
   * per channel holds and no 429 is risked); longer ones come back as a retry outcome.
   */
  readonly maxClientWaitMs?: number;
}

/**
 * Why these options (read from @discordjs/rest 2.6 SequentialHandler and handleErrors):
 * - `retries: 0`: discord.js would otherwise resend a 5xx or a reset connection itself, up to 3
 *   times with no backoff; the outbox retries with backoff and records each attempt instead.
 * - `rejectOnRateLimit`: discord.js tracks buckets from the X-RateLimit-* headers and, before
 *   sending into an exhausted bucket (or after a 429), either sleeps or, when this filter says so,
 *   throws RateLimitError with `retryAfter` in ms. Waits up to maxClientWaitMs (10 s: Discord's
 *   message bucket is 5 per 5 s per channel) stay in the client, which keeps per-channel order at
 *   no outbox round trip; a longer one (a big Retry-After, a global limit) must not hold the
 *   destination's delivery loop, so it becomes `{kind: 'retry', afterMs}` for the outbox.
 * - 4xx other than 429 are DiscordAPIError and are never retried by discord.js nor by us.
 */
export function discordRestOptions(opts: DiscordRestOptions = {}): Partial<RESTOptions> {
  const maxWait = opts.maxClientWaitMs ?? DEFAULT_MAX_CLIENT_WAIT_MS;
  return {
    api: opts.api ?? DEFAULT_DISCORD_API,
    retries: 0,
    timeout: opts.timeoutMs ?? 15_000,
    rejectOnRateLimit: (data) => waitOf(data) > maxWait,
  };
}

export function createDiscordRest(token: string, opts: DiscordRestOptions = {}): REST {
  return new REST(discordRestOptions(opts)).setToken(token);
}

function waitOf(data: { readonly retryAfter: number; readonly timeToReset: number }): number {
  return data.retryAfter > 0 ? data.retryAfter : data.timeToReset;
}

/** Runs one Discord call and turns what it throws into an outcome; unknown errors are bugs and rethrown. */
export function attemptDiscord(what: string, call: () => Promise<SendOutcome>): Promise<SendOutcome> {
  return attemptSend('discord', what, classifyDiscordError, call);
}

export function classifyDiscordError(error: unknown): SendOutcome | null {
  if (error instanceof MalformedAnswer) return malformedSuccess('discord', error.what);
  if (error instanceof RateLimitError) {
    return { kind: 'retry', afterMs: Math.max(0, Math.ceil(waitOf(error))), reason: `discord: rate limited (${error.global ? 'global' : error.route})` };
  }
  if (error instanceof DiscordAPIError) {
    if (error.status === 429 || error.status >= 500) return { kind: 'retry', afterMs: null, reason: `discord: HTTP ${error.status} ${error.message}` };
    return { kind: 'permanent', reason: `discord: HTTP ${error.status} code ${String(error.code)} ${error.message}` };
  }
  if (error instanceof HTTPError) return httpErrorOutcome('discord', error.status, error.message);
  if (isNetworkError(error)) return networkRetry('discord', error);
  return null;
}

/** Discord ids are snowflakes: a decimal 64-bit integer. */
export const SNOWFLAKE = /^\d{1,20}$/;

/** A 2xx answer without the id a success carries; attemptDiscord turns it into a retry. */
export class MalformedAnswer extends Error {
  constructor(readonly what: string) {
    super(`discord: ${what} answered success without a message id`);
  }
}

/** The outcome of a call answered with a message: sent with its id, or a malformed success. */
export function sentMessage(what: string, answer: unknown): SendOutcome {
  const id: unknown = typeof answer === 'object' && answer !== null && 'id' in answer ? answer.id : undefined;
  return typeof id === 'string' && SNOWFLAKE.test(id) ? { kind: 'sent', messageId: id } : malformedSuccess('discord', what);
}
