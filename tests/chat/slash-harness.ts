// What both `/news` front ends' tests share: the command core over the harness's current SQLite
// database (tests/commands/command-harness.ts), `feeds add` fetching through the real SSRF guard, a quiet log.
import { pino } from 'pino';
import type { CommandDeps } from '../../src/commands/command-deps.ts';
import { DEFAULT_FETCH_OPTIONS, fetchFeed } from '../../src/feeds/fetch/fetch-feed.ts';
import type { FetchResult } from '../../src/feeds/fetch/fetch-types.ts';
import { guardFetchOptions } from '../../src/feeds/fetch/public-address-guard.ts';
import type { Harness } from '../commands/command-harness.ts';

export const silentLog = pino({ level: 'silent' });

/** Fetches a feed for `feeds add` the way production does, the SSRF guard on, loopback exempted for the test server. */
export function loopbackTestFetch(url: string): Promise<FetchResult> {
  return fetchFeed(url, { etag: null, lastModified: null }, guardFetchOptions({ ...DEFAULT_FETCH_OPTIONS, totalTimeoutMs: 10_000 }, { exempt: ['127.0.0.1'] }));
}

/** Deps that follow the harness's current test database (a fresh one per test). */
export function followingDeps(harness: Harness): CommandDeps {
  return new Proxy({} as CommandDeps, { get: (_target, key) => Reflect.get(harness.deps({ testFetch: loopbackTestFetch }), key) });
}

