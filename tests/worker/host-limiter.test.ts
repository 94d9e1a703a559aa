// createHostLimiter: at most N tasks per host at once, FIFO start order, hosts independent.
import { describe, expect, it } from 'vitest';
import { createHostLimiter } from '../../src/worker/host-limiter.ts';

interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}

function gate(): Gate {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Lets every already-queued microtask and promise callback run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createHostLimiter', () => {
  it.each([1, 2, 3, 5])('runs at most %i tasks per host at once, starting them in arrival order', async (perHost) => {
    const limiter = createHostLimiter(perHost);
    const gates = Array.from({ length: 12 }, gate);
    const started: number[] = [];
    let running = 0;
    let maxRunning = 0;
    const runs = gates.map((g, index) =>
      limiter.run('feeds.example.com', async () => {
        started.push(index);
        running++;
        maxRunning = Math.max(maxRunning, running);
        await g.opened;
        running--;
        return index;
      }),
    );
    await settle();
    expect(started).toEqual(Array.from({ length: perHost }, (_, i) => i));
    // Finish the most recently started task first each time, to check the slot accounting.
    const done = new Set<number>();
    while (done.size < gates.length) {
      const newest = [...started].reverse().find((index) => !done.has(index));
      if (newest === undefined) throw new Error('test: nothing running while tasks remain');
      done.add(newest);
      gates[newest]?.open();
      await settle();
      expect(running).toBe(Math.min(perHost, gates.length - done.size));
    }
    expect(await Promise.all(runs)).toEqual(gates.map((_, i) => i));
    expect(maxRunning).toBe(perHost);
    expect(started).toEqual(gates.map((_, i) => i));
  });

  it('keeps hosts independent and treats host names case-insensitively', async () => {
    const limiter = createHostLimiter(1);
    const hold = gate();
    const started: string[] = [];
    const task = (name: string) => async () => {
      started.push(name);
      await hold.opened;
    };
    const runs = [
      limiter.run('a.example', task('a1')),
      limiter.run('A.EXAMPLE', task('a2')),
      limiter.run('b.example', task('b1')),
    ];
    await settle();
    expect(started).toEqual(['a1', 'b1']);
    hold.open();
    await Promise.all(runs);
    expect(started).toEqual(['a1', 'b1', 'a2']);
  });

  it('frees the slot when a task fails, and passes the failure on', async () => {
    const limiter = createHostLimiter(1);
    const failing = limiter.run('x.example', () => Promise.reject(new Error('boom')));
    const next = limiter.run('x.example', async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects a limit of %d', (perHost) => {
    expect(() => createHostLimiter(perHost)).toThrow(/host-limiter/);
  });
});
