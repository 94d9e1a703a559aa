// HitPool: a slot's hits come back sorted by position, and lowerBound finds where a position would go.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HitPool } from '../../src/rules/hit-pool.ts';

const hit = fc.tuple(fc.integer({ min: 0, max: 1 << 26 }), fc.integer({ min: 0, max: 1000 }));

function hitsOf(pool: HitPool, slot: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = pool.from(slot); i < pool.from(slot) + pool.count(slot); i++) out.push([pool.codes[i] as number, pool.ends[i] as number]);
  return out;
}

const byCodeThenEnd = (a: [number, number], b: [number, number]): number => a[0] - b[0] || a[1] - b[1];

describe('HitPool', () => {
  it('sorts a slot by code then end, short runs and long ones, without touching the slot before it', () => {
    fc.assert(
      fc.property(fc.array(hit, { maxLength: 10 }), fc.array(hit, { maxLength: 200 }), (before, hits) => {
        const pool = new HitPool(2);
        pool.reset(1);
        pool.open(0);
        for (const [code, end] of before) pool.add(code, end);
        pool.close(0);
        pool.open(1);
        // Long runs are sorted by code alone (their ends are set after sorting), as termHits uses them.
        const long = hits.length > 64;
        for (const [code, end] of hits) pool.add(code, long ? 0 : end);
        pool.sortFrom(pool.from(1));
        pool.close(1);
        expect(hitsOf(pool, 0)).toEqual(before);
        const expected = hits.map(([code, end]): [number, number] => [code, long ? 0 : end]).sort(byCodeThenEnd);
        expect(hitsOf(pool, 1)).toEqual(expected);
      }),
    );
  });

  it('lowerBound is the first hit at or after a code; reverseFrom reverses the tail', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 100 }), fc.integer({ min: -1, max: 501 }), (codes, probe) => {
        const pool = new HitPool(1);
        pool.reset(7);
        pool.open(0);
        for (const code of [...codes].reverse()) pool.add(code, code + 1);
        pool.reverseFrom(0);
        expect(Array.from(pool.codes.subarray(0, pool.size))).toEqual(codes);
        pool.sortFrom(0);
        pool.close(0);
        const sorted = [...codes].sort((a, b) => a - b);
        const at = pool.lowerBound(0, pool.size, probe);
        expect(at).toBe(sorted.filter((c) => c < probe).length);
      }),
    );
  });

  it('forgets every slot when a new article starts', () => {
    const pool = new HitPool(1);
    pool.reset(1);
    pool.open(0);
    pool.add(5, 6);
    pool.close(0);
    expect(pool.has(0)).toBe(true);
    pool.reset(1);
    expect(pool.has(0)).toBe(true);
    pool.reset(2);
    expect(pool.has(0)).toBe(false);
    expect(pool.size).toBe(0);
  });
});
