// The test fetch of `feeds add` ("Safety"): the SSRF guard on every hop and tighter size
// and time limits than the worker's, since anyone allowed to manage can type any URL.
import { fetchFeed } from '../feeds/fetch/fetch-feed.ts';
import type { FetchOptions, FetchResult } from '../feeds/fetch/fetch-types.ts';
import { guardFetchOptions } from '../feeds/fetch/public-address-guard.ts';
import type { GuardOptions } from '../feeds/fetch/public-address-guard.ts';

export const CHAT_FETCH_LIMITS = { maxBytes: 5 * 1024 * 1024, totalTimeoutMs: 15_000, connectTimeoutMs: 5_000, maxRedirects: 5 } as const;

/** Fetch options for feeds added from chat: the worker must use these for `origin: 'chat'` feeds too. */
export function chatFetchOptions(base: FetchOptions, guard: GuardOptions = {}): FetchOptions {
  return guardFetchOptions(
    {
      ...base,
      maxBytes: Math.min(base.maxBytes, CHAT_FETCH_LIMITS.maxBytes),
      totalTimeoutMs: Math.min(base.totalTimeoutMs, CHAT_FETCH_LIMITS.totalTimeoutMs),
      connectTimeoutMs: Math.min(base.connectTimeoutMs, CHAT_FETCH_LIMITS.connectTimeoutMs),
      maxRedirects: Math.min(base.maxRedirects, CHAT_FETCH_LIMITS.maxRedirects),
    },
    guard,
  );
}

export function createChatFeedFetch(base: FetchOptions, guard: GuardOptions = {}): (url: string) => Promise<FetchResult> {
  const options = chatFetchOptions(base, guard);
  return (url) => fetchFeed(url, { etag: null, lastModified: null }, options);
}
