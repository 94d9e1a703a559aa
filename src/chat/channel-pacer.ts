// Spaces the posts to one channel: one at a time, in the order they were asked for, each starting at
// least `intervalMs` after the previous one started (its rate-limit retries included, so order holds) (Slack allows about one message per second per channel;
// docs/chat-limits.md). Channels are independent; Discord needs none (discord.js follows its buckets).

export interface ChannelPacer {
  /** Runs `call` once every earlier call for `channel` has finished and the interval has passed. */
  run<T>(channel: string, call: () => Promise<T>): Promise<T>;
}

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: PacerClock = { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export function createChannelPacer(intervalMs: number, clock: PacerClock = REAL_CLOCK): ChannelPacer {
  const channels = new Map<string, { turn: Promise<void>; lastStart: number }>();
  return {
    run(channel, call) {
      const state = channels.get(channel) ?? { turn: Promise.resolve(), lastStart: Number.NEGATIVE_INFINITY };
      channels.set(channel, state);
      const result = state.turn.then(async () => {
        const wait = state.lastStart + intervalMs - clock.now();
        if (wait > 0) await clock.sleep(wait);
        state.lastStart = clock.now();
        return call();
      });
      state.turn = result.then(() => undefined, () => undefined);
      return result;
    },
  };
}
