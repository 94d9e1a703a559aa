// The polling loop: claims due feeds from the store's schedule in batches (a lease per feed, so N
// workers on one database poll each feed once per interval), refreshes them with a bounded number
// in flight, and delivers new alerts as soon as they are stored.
import { randomUUID } from 'node:crypto';
import type { FeedSource } from '../domain/feed.ts';
import type { HostLimiter } from './host-limiter.ts';
import type { FeedState } from '../store/store.ts';
import type { FetchOptions } from '../feeds/fetch/fetch-types.ts';
import { deliverDue, type DeliverDeps } from './deliver.ts';
import { logWorkerError } from './log-worker-error.ts';
import { refreshFeed, type RefreshDeps, type RefreshOutcome } from './refresh-feed.ts';

export interface WorkerDeps extends RefreshDeps, DeliverDeps {
  readonly feeds: () => readonly FeedSource[];
  /** Bounds how many feeds refresh at once in runOnce (keyed by a single host name). */
  readonly globalLimiter: HostLimiter;
  /** How many feeds refresh at once in runForever; default 16. */
  readonly concurrency?: number;
  /** A claimed feed is this worker's for this long; past it, another worker takes it over. Default 60 s. */
  readonly leaseMs?: number;
  /** This worker's name in feed leases; default a random id. */
  readonly workerId?: string;
  readonly tickMs?: number;
  /** Picks up changes made elsewhere (rules, feeds, routes from chat); called every few seconds. */
  readonly reload?: () => Promise<void>;
  /** Subscribes to changes of rules, feeds or routes (returns the unsubscribe): each one reloads at once and claims what became due. */
  readonly watchChanges?: (listener: () => void) => () => void;
  /** Lets work outside the polling loop (a WebSub push) ask for a delivery pass: runForever attaches its own. */
  readonly deliveryRequests?: DeliveryRequests;
}

/** A delivery pass on request: before runForever attaches its loop, requests do nothing (runOnce delivers at its end). */
export interface DeliveryRequests {
  attach(deliver: () => void): void;
  request(): void;
}

export function createDeliveryRequests(): DeliveryRequests {
  let deliver: (() => void) | null = null;
  return {
    attach: (next) => void (deliver = next),
    request: () => deliver?.(),
  };
}

const RELOAD_EVERY_MS = 5_000;
const DEFAULT_CONCURRENCY = 16;
export const DEFAULT_LEASE_MS = 60_000;

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

/** Runs until `signal` aborts; resolves once in-flight work has finished (fetches in flight are aborted) and leases are given back. */
export async function runForever(workerDeps: WorkerDeps, signal: AbortSignal): Promise<void> {
  // The caller's deps with the stop signal added to every fetch; a prototype, not a copy, keeps its getters live.
  const fetchOptionsFor = (feed: FeedSource): FetchOptions => ({ ...workerDeps.fetchOptionsFor(feed), signal });
  const deps = Object.create(workerDeps, { fetchOptionsFor: { value: fetchOptionsFor } }) as WorkerDeps;
  const tickMs = deps.tickMs ?? 1000;
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const owner = deps.workerId ?? randomUUID();
  const inFlight = new Map<string, Promise<void>>();
  const feedById = lookupFeeds(deps.feeds);
  const wake = createWake(signal);
  const deliver = deliveryPasses(deps, signal);
  deps.deliveryRequests?.attach(deliver);
  const reload = backgroundReload(deps, () => wake.now());

  const start = (feed: FeedSource, state: FeedState): void => {
    const job = deps.globalLimiter
      .run('*', () => refreshFeed(feed, deps, state))
      .then((outcome) => {
        if (outcome.kind === 'updated' && outcome.alerts > 0) deliver();
      })
      .catch((error: unknown) => logWorkerError(deps.log, error, { feed: feed.id }, 'refresh crashed; retried once its lease lapses'))
      .finally(() => {
        inFlight.delete(feed.id);
        // Behind schedule: claim again once a quarter of the slots is free (not once per poll).
        if (backlog && concurrency - inFlight.size >= Math.ceil(concurrency / 4)) wake.now();
      });
    inFlight.set(feed.id, job);
  };

  // Claims as many due feeds as there are free slots; a full batch means more may be due.
  let backlog = false;
  const claim = async (): Promise<void> => {
    backlog = false;
    for (let free = concurrency - inFlight.size; free > 0 && !signal.aborted; free = concurrency - inFlight.size) {
      const claimed = await deps.store.claimDueFeeds({ owner, now: deps.now(), limit: free, leaseMs });
      const unknown: string[] = [];
      for (const state of claimed) {
        const feed = feedById(state.feedId);
        if (feed === undefined) unknown.push(state.feedId);
        else if (!inFlight.has(feed.id)) start(feed, state);
      }
      // A feed added elsewhere that this worker has not loaded yet: given back for a worker that
      // knows it (not held until the lease lapses), and the settings reloaded.
      if (unknown.length > 0) {
        await deps.store.releaseFeedLeases(owner, unknown);
        reload(true);
        return;
      }
      if (claimed.length < free) return;
    }
    backlog = true;
  };

  deliver();
  let lastReload = deps.now().getTime();
  // A change (a feed added from chat, here or on another worker) reloads now and wakes the claim loop.
  const stopWatching = deps.watchChanges?.(() => {
    lastReload = deps.now().getTime();
    reload(true);
  });
  while (!signal.aborted) {
    const now = deps.now().getTime();
    if (now - lastReload >= RELOAD_EVERY_MS) {
      lastReload = now;
      reload();
    }
    await claim().catch((error: unknown) => logWorkerError(deps.log, error, {}, 'claiming due feeds failed; trying again shortly'));
    deliver();
    await wake.after(tickMs);
  }
  stopWatching?.();
  await Promise.all([...inFlight.values(), reload.settled(), deliver.settled()]);
  await deps.store.releaseFeedLeases(owner).catch((error: unknown) => deps.log.warn({ err: error }, 'could not give back feed leases; they lapse on their own'));
}

/** id → feed, rebuilt only when the live list itself changes (a reload), not per lookup. */
export function lookupFeeds(feeds: () => readonly FeedSource[]): (id: string) => FeedSource | undefined {
  let list: readonly FeedSource[] | null = null;
  let byId = new Map<string, FeedSource>();
  return (id) => {
    const current = feeds();
    if (current !== list) {
      list = current;
      byId = new Map(current.map((f) => [f.id, f]));
    }
    return byId.get(id);
  };
}

/** One delivery pass at a time; a request during a pass runs another right after it, so an alert
 * stored mid-pass never waits for the next tick. */
function deliveryPasses(deps: WorkerDeps, signal: AbortSignal): (() => void) & { settled(): Promise<void> } {
  let delivering: Promise<void> | null = null;
  let again = false;
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
  return Object.assign(deliver, { settled: async () => void (await delivering) });
}

/**
 * Reloads settings off the polling loop's path (one at a time): the loop keeps claiming meanwhile.
 * `reload(true)` (a change was announced) runs another reload after a running one, since that one
 * may have read the tables before the change; `reloaded` runs after each.
 */
function backgroundReload(deps: WorkerDeps, reloaded: () => void): ((announced?: boolean) => void) & { settled(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  const reload = (announced = false): void => {
    if (!deps.reload) return;
    if (running) {
      again ||= announced;
      return;
    }
    again = false;
    running = deps
      .reload()
      .catch((error: unknown) => logWorkerError(deps.log, error, {}, 'reloading settings failed; keeping the current ones'))
      .finally(() => {
        running = null;
        reloaded();
        if (again) reload(true);
      });
  };
  return Object.assign(reload, { settled: async () => void (await running) });
}

/** A sleep that a finished job (a free slot) or the abort signal cuts short. */
function createWake(signal: AbortSignal): { after(ms: number): Promise<void>; now(): void } {
  let wakeUp: (() => void) | null = null;
  return {
    after(ms) {
      return new Promise((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          wakeUp = null;
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
        wakeUp = done;
      });
    },
    now() {
      wakeUp?.();
    },
  };
}
