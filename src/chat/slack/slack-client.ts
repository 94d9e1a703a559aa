// One @slack/web-api WebClient per bot token, configured so the outbox owns retries, and the
// mapping of what the client throws to a SendOutcome. Rules: docs/chat-limits.md.
// Library: https://docs.slack.dev/tools/node-slack-sdk/web-api (WebClient comes with @slack/bolt)
import { webApi } from '@slack/bolt';
import type { SendOutcome } from '../chat-sink.ts';
import { DEFAULT_SLACK_API } from '../../domain/platform-apis.ts';
import { attemptSend, describeSendNetworkError, httpErrorOutcome, isNetworkError, networkRetry } from '../send-retry.ts';

export interface SlackClientOptions {
  /** Base URL ending in "/", e.g. WIREWATCH_SLACK_API; methods are POSTed to `${url}${method}`. */
  readonly apiUrl?: string;
  /** Per-request timeout; a timeout is a retry outcome. */
  readonly timeoutMs?: number;
}

/**
 * Why these options (read from @slack/web-api 8.2 WebClient.makeRequest):
 * - `retryConfig: {retries: 0}`: the default policy retries network errors and 5xx ten times over
 *   about thirty minutes inside one call, holding the delivery slot; the outbox retries instead.
 * - `rejectRateLimitedCalls: true`: on a 429 the client would pause its whole request queue (every
 *   channel) for Retry-After; instead it throws WebAPIRateLimitedError(retryAfter seconds): the sink
 *   waits a short one out for that channel alone (waitOutRateLimits) and hands a long one to the
 *   outbox. WebClient keeps no bucket state to pre-empt 429s the way discord.js does.
 */
export function createSlackClient(token: string, opts: SlackClientOptions = {}): webApi.WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: opts.apiUrl ?? DEFAULT_SLACK_API,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: opts.timeoutMs ?? 15_000,
    logLevel: webApi.LogLevel.ERROR,
  });
}

// Platform errors that mean "Slack had a problem", not "your request is wrong".
const TRANSIENT_PLATFORM_ERRORS = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Runs one Slack call and turns what it throws into an outcome; unknown errors are bugs and rethrown. */
export function attemptSlack(what: string, call: () => Promise<SendOutcome>): Promise<SendOutcome> {
  return attemptSend('slack', what, classifySlackError, call);
}

export function classifySlackError(error: unknown): SendOutcome | null {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { kind: 'retry', afterMs: error.retryAfter * 1000, reason: 'slack: rate limited' };
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = String(error.data.error);
    const errors: unknown = (error.data as { errors?: unknown }).errors;
    const detail = Array.isArray(errors) ? ` ${errors.join('; ')}` : '';
    return TRANSIENT_PLATFORM_ERRORS.has(code)
      ? { kind: 'retry', afterMs: null, reason: `slack: ${code}` }
      : { kind: 'permanent', reason: `slack: ${code}${detail}` };
  }
  if (error instanceof webApi.WebAPIHTTPError) return httpErrorOutcome('slack', error.statusCode);
  if (error instanceof webApi.WebAPIRequestError) {
    return { kind: 'retry', afterMs: null, reason: `slack: ${isNetworkError(error.original) ? describeSendNetworkError(error.original) : error.message}` };
  }
  if (isNetworkError(error)) return networkRetry('slack', error);
  return null;
}
