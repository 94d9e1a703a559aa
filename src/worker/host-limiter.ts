// Limits how many fetches run at once against one host, so a publisher with many feeds is not
// hit by all of them together; waiting tasks start in arrival order (FIFO).

export interface HostLimiter {
  /** Runs `task` once fewer than the per-host limit are running for `host`; settles as it does. */
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
}

interface HostState {
  active: number;
  readonly waiting: Array<() => void>;
}

export function createHostLimiter(perHost: number): HostLimiter {
  if (!Number.isInteger(perHost) || perHost < 1) {
    throw new RangeError(`host-limiter: perHost must be a positive integer, got ${perHost}`);
  }
  const hosts = new Map<string, HostState>();

  const acquire = (host: string): Promise<void> => {
    let state = hosts.get(host);
    if (!state) {
      state = { active: 0, waiting: [] };
      hosts.set(host, state);
    }
    if (state.active < perHost) {
      state.active++;
      return Promise.resolve();
    }
    const queue = state.waiting;
    return new Promise<void>((resolve) => queue.push(resolve));
  };

  const release = (host: string): void => {
    const state = hosts.get(host);
    if (!state) return;
    const next = state.waiting.shift();
    if (next) next(); // the slot passes straight to the next task: `active` is unchanged
    else if (--state.active === 0) hosts.delete(host); // forget idle hosts so the map stays small
  };

  return {
    async run<T>(host: string, task: () => Promise<T>): Promise<T> {
      const key = host.toLowerCase();
      await acquire(key);
      try {
        return await task();
      } finally {
        release(key);
      }
    },
  };
}
