// The delivery loop's pure parts: Discord nonces stay within 25 characters and tell alerts apart;
// retry backoff grows exponentially, is capped, and is jittered within the upper half.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs, digestNonce, nonceFor } from '../../src/worker/deliver.ts';

describe('nonces', () => {
  it('fit Discord’s 25 characters and differ by alert id, item key and kind', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.string(), (id, itemKey) => {
        const post = nonceFor({ id, itemKey });
        const reply = nonceFor({ id, itemKey }, 'wr');
        return post.length <= 25 && reply.length <= 25 && post !== reply;
      }),
    );
    expect(nonceFor({ id: 7, itemKey: 'a' })).not.toBe(nonceFor({ id: 7, itemKey: 'b' }));
    expect(nonceFor({ id: 7, itemKey: 'a' })).not.toBe(nonceFor({ id: 8, itemKey: 'a' }));
    expect(nonceFor({ id: 7, itemKey: 'a' })).toBe(nonceFor({ id: 7, itemKey: 'a' }));
  });

  it('name a digest by its alerts: the same digest again gets the same nonce, a larger one another', () => {
    const row = (id: number) => ({ alert: { id, itemKey: `k${id}` } }) as Parameters<typeof digestNonce>[0][number];
    const digest = digestNonce([row(1), row(2)]);
    expect(digest.length).toBeLessThanOrEqual(25);
    expect(digestNonce([row(1), row(2)])).toBe(digest);
    expect(digestNonce([row(1), row(2), row(3)])).not.toBe(digest);
  });
});

describe('backoffMs', () => {
  it.each([
    [1, 0, 1_000],
    [1, 1, 2_000],
    [2, 0, 2_000],
    [3, 0.5, 6_000],
    [10, 0, 150_000],
    [10, 1, 300_000],
    [60, 1, 300_000],
  ])('attempt %i with random %f waits %i ms (base 2 s, cap 5 min)', (attempts, random, expected) => {
    expect(backoffMs(attempts, () => random)).toBe(expected);
  });
});
