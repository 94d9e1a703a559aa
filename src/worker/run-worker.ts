// The polling loop: refreshes each feed when it is due (never two refreshes of one feed at
// once, a bounded number overall) and delivers new alerts as soon as they are stored.
import type { FeedSource } from '../domain/feed.ts';
import type { HostLimiter } from '../feeds/host-limiter.ts';
import type { FetchOptions } from '../feeds/fetch-feed.ts';
import { deliverDue, type DeliverDeps } from './deliver.ts';
import { logWorkerError } from './log-worker-error.ts';
import { retryOnConnectionLoss } from '../store/database-health.ts';
import { refreshFeed, type RefreshDeps, type RefreshOutcome } from './refresh-feed.ts';

export interface WorkerDeps extends RefreshDeps, DeliverDeps {
  readonly feeds: () => readonly FeedSource[];
  /** Bounds how many feeds refresh at once (keyed by a single host name). */
  readonly globalLimiter: HostLimiter;
  readonly tickMs?: number;
  /** Picks up changes made elsewhere (rules, feeds, routes from chat); called every few seconds. */
  readonly reload?: () => Promise<void>;
}

const RELOAD_EVERY_MS = 5_000;

export interface OnceSummary {
  readonly outcomes: ReadonlyMap<string, RefreshOutcome>;
  readonly delivered: number;
}

/** Refreshes every feed once, delivers what that produced (and anything left over), and returns. */
export async function runOnce(deps: WorkerDeps): Promise<OnceSummary> {
  const delivered = await deliverDue(deps); // alerts left undelivered by an earlier run go first
  const outcomes = new Map<string, RefreshOutcome>();
  await Promise.all(
    deps.feeds().map((feed) => deps.globalLimiter.run('*', async () => outcomes.set(feed.id, await refreshFeed(feed, deps)))),
  );
  return { outcomes, delivered: delivered + (await deliverDue(deps)) };
}

/** Runs until `signal` aborts; resolves once in-flight work has finished (fetches in flight are aborted). */
export async function runForever(workerDeps: WorkerDeps, signal: AbortSignal): Promise<void> {
  // The caller's deps with the stop signal added to every fetch; a prototype, not a copy, keeps its getters live.
  const fetchOptionsFor = (feed: FeedSource): FetchOptions => ({ ...workerDeps.fetchOptionsFor(feed), signal });
  const deps = Object.create(workerDeps, { fetchOptionsFor: { value: fetchOptionsFor } }) as WorkerDeps;
  const tickMs = deps.tickMs ?? 1000;
  const inFlight = new Map<string, Promise<void>>();
  let delivering: Promise<void> | null = null;
  let again = false;

  // One delivery pass at a time; a request during a pass runs another right after it, so an
  // alert stored mid-pass never waits for the next tick.
  const deliver = (): void => {
    if (signal.aborted) return;
    if (delivering) {
      again = true;
      return;
    }
    again = false;
    delivering = deliverDue(deps)
      .then(() => undefined, (error: unknown) => logWorkerError(deps.log, error, {}, 'delivery loop error'))
      .finally(() => {
        delivering = null;
        if (again) deliver();
      });
  };

  const states = new Map((await retryOnConnectionLoss(() => deps.store.listFeedStates())).map((s) => [s.feedId, s.nextAttemptAt]));
  deliver();
  let lastReload = deps.now().getTime();
  while (!signal.aborted) {
    const now = deps.now().getTime();
    if (deps.reload && now - lastReload >= RELOAD_EVERY_MS) {
      lastReload = now;
      await deps.reload().catch((error: unknown) => logWorkerError(deps.log, error, {}, 'reloading settings failed; keeping the current ones'));
    }
    for (const feed of deps.feeds()) {
      const due = states.get(feed.id)?.getTime() ?? 0;
      if (inFlight.has(feed.id) || due > now) continue;
      const job = deps.globalLimiter
        .run('*', () => refreshFeed(feed, deps))
        .then(async (outcome) => {
          if (outcome.kind === 'updated' && outcome.alerts > 0) deliver();
          states.set(feed.id, (await deps.store.feedState(feed.id))?.nextAttemptAt ?? null);
        })
        .catch((error: unknown) => {
          logWorkerError(deps.log, error, { feed: feed.id }, 'refresh crashed; retrying on the next interval');
          states.set(feed.id, new Date(deps.now().getTime() + feed.intervalSeconds * 1000));
        })
        .finally(() => inFlight.delete(feed.id));
      inFlight.set(feed.id, job);
    }
    deliver();
    await sleep(tickMs, signal);
  }
  await Promise.all([...inFlight.values(), delivering]);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
