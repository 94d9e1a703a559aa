// Fetch options from the config's `fetch` settings (timeouts, size cap, redirects) over the defaults.
import { DEFAULT_FETCH_OPTIONS } from './fetch-feed.ts';
import type { FetchOptions } from './fetch-types.ts';

export interface FetchLimits {
  readonly totalTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
}

export function fetchOptionsFrom(limits: FetchLimits): FetchOptions {
  return {
    ...DEFAULT_FETCH_OPTIONS,
    totalTimeoutMs: limits.totalTimeoutMs,
    connectTimeoutMs: limits.connectTimeoutMs,
    maxBytes: limits.maxBytes,
    maxRedirects: limits.maxRedirects,
  };
}
