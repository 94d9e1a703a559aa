// Runs work that only one worker may do at a time (the Discord gateway and Slack Socket Mode
// connections) in whichever worker holds a named lease in the store. The holder renews it every few
// seconds; when the holder dies, the lease lapses and another worker takes over within ttl + renewal.
import type { Logger } from '../log/create-logger.ts';
import type { Store } from '../store/store.ts';

export interface LeadershipDeps {
  readonly store: Pick<Store, 'acquireLease' | 'releaseLease'>;
  /** This worker's name in the lease. */
  readonly owner: string;
  readonly now: () => Date;
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The lease lasts this long without renewal; default 20 s. */
  readonly ttlMs?: number;
  /** Renew (or try to take) the lease this often; default 5 s. */
  readonly renewEveryMs?: number;
}

/** Starts the work when leading; resolves to what stops it. */
export type StartLeading = () => Promise<() => Promise<void>>;

export const DEFAULT_LEADER_TTL_MS = 20_000;
const DEFAULT_RENEW_EVERY_MS = 5_000;

/** Holds (or waits for) the lease `name` until `signal` aborts, running `start` while holding it. */
export async function holdLeadership(name: string, start: StartLeading, deps: LeadershipDeps, signal: AbortSignal): Promise<void> {
  const ttlMs = deps.ttlMs ?? DEFAULT_LEADER_TTL_MS;
  const renewEveryMs = deps.renewEveryMs ?? DEFAULT_RENEW_EVERY_MS;
  let stop: (() => Promise<void>) | null = null;
  const stepDown = async (): Promise<void> => {
    const stopping = stop;
    stop = null;
    await stopping?.().catch((error: unknown) => deps.log.error({ err: error, lease: name }, 'stopping the leader’s work failed'));
  };
  while (!signal.aborted) {
    let held = false;
    try {
      held = await deps.store.acquireLease(name, deps.owner, deps.now(), ttlMs);
    } catch (error) {
      deps.log.warn({ err: error, lease: name }, 'could not renew the lease; stepping down until the database answers');
    }
    if (held && stop === null) {
      try {
        stop = await start();
        deps.log.info({ lease: name, owner: deps.owner }, 'took the lead');
      } catch (error) {
        deps.log.error({ err: error, lease: name }, 'could not start the leader’s work; giving the lead up');
        await deps.store.releaseLease(name, deps.owner).catch(() => undefined);
        await sleep(ttlMs, signal); // let another worker try before this one does again
        continue;
      }
    } else if (!held && stop !== null) {
      deps.log.warn({ lease: name }, 'lost the lead');
      await stepDown();
    }
    await sleep(renewEveryMs, signal);
  }
  if (stop !== null) {
    await stepDown();
    await deps.store.releaseLease(name, deps.owner).catch(() => undefined);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
