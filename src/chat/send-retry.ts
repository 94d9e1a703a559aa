// Rate limits and network failures, as every sender handles them: wait out a short 429 in place,
// hand longer ones and 5xx to the outbox as retries, and everything else as permanent failures.
// Rules: docs/chat-limits.md.
import { metrics } from '../metrics/metrics.ts';
import type { SendOutcome } from './chat-sink.ts';

/** How long a sender may wait out a rate limit itself (keeping order) before handing it to the outbox. */
export const DEFAULT_MAX_CLIENT_WAIT_MS = 10_000;

/**
 * Repeats `call` while it answers a rate-limit retry (afterMs set) no longer than `maxWaitMs`,
 * sleeping that long first: a short 429 is not a failure and should not cost an outbox round trip.
 */
export async function waitOutRateLimits(
  call: () => Promise<SendOutcome>,
  maxWaitMs: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<SendOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await call();
    if (outcome.kind === 'retry' && outcome.afterMs !== null) metrics.rateLimited('chat');
    if (outcome.kind !== 'retry' || outcome.afterMs === null || outcome.afterMs > maxWaitMs || attempt >= 3) return outcome;
    await sleep(outcome.afterMs);
  }
}

/**
 * A success answer that lacks what every success carries (a message id): seen from proxies and
 * broken emulators answering 200 `{"ok":false}`. Treated like a 5xx: retried with backoff, in order.
 */
export function malformedSuccess(platform: string, what: string): SendOutcome {
  return { kind: 'retry', afterMs: null, reason: `${platform}: ${what} answered success without a message id` };
}

/** Timeouts (AbortError), refused or reset connections, undici socket errors, fetch failures. */
export function isNetworkError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (/^E[A-Z]+$/.test(code) || code.startsWith('UND_ERR'))) return true;
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  return error.cause !== undefined && error.cause !== error && isNetworkError(error.cause);
}

/** The code and message of a network failure, for a send's retry reason ("ECONNREFUSED connect …"). */
export function describeSendNetworkError(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code} ${error.message}` : `${error.name}: ${error.message}`;
}

/**
 * Runs one platform call and turns what it throws into an outcome with the platform's `classify`;
 * an error it does not know is a bug, rethrown as "platform: what failed unexpectedly".
 */
export async function attemptSend(
  platform: string,
  what: string,
  classify: (error: unknown) => SendOutcome | null,
  call: () => Promise<SendOutcome>,
): Promise<SendOutcome> {
  try {
    return await call();
  } catch (error) {
    const outcome = classify(error);
    if (outcome === null) throw new Error(`${platform}: ${what} failed unexpectedly`, { cause: error });
    return outcome;
  }
}

/** An HTTP error status: 429 and 5xx are sent again later, any other status never. */
export function httpErrorOutcome(platform: string, status: number, detail = ''): SendOutcome {
  const reason = `${platform}: HTTP ${status}${detail === '' ? '' : ` ${detail}`}`;
  return status >= 500 || status === 429 ? { kind: 'retry', afterMs: null, reason } : { kind: 'permanent', reason };
}

/** A timeout, refused or reset connection: sent again later. */
export function networkRetry(platform: string, error: Error): SendOutcome {
  return { kind: 'retry', afterMs: null, reason: `${platform}: ${describeSendNetworkError(error)}` };
}
