// Tells the worker that rules, feeds, routes or mutes changed, so that it reloads them and claims
// new feeds at once instead of at its next periodic reload: a command run in this process says so
// directly; on Postgres, a change made by another process arrives through LISTEN/NOTIFY.
export interface ChangeSignal {
  notify(): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function createChangeSignal(): ChangeSignal {
  const listeners = new Set<() => void>();
  return {
    notify() {
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      const own = (): void => listener(); // the same function twice is two subscriptions
      listeners.add(own);
      return () => void listeners.delete(own);
    },
  };
}
