import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLshIndex } from '../../src/stories/lsh-index.ts';
import {
  computeSignature,
  createSeeds,
  estimateContainment,
  estimateJaccard,
  exactJaccard,
  hashShingles,
  mix32,
} from '../../src/stories/minhash.ts';

const SEEDS = createSeeds(256);

function toSortedSet(values: readonly number[]): Uint32Array {
  return Uint32Array.from(new Set(values.map((v) => v >>> 0))).sort();
}

/** Two random shingle sets built from a shared core plus private parts, so all overlaps occur. */
const shinglePair = fc
  .record({
    shared: fc.uniqueArray(fc.nat(), { maxLength: 300 }),
    onlyA: fc.uniqueArray(fc.nat(), { maxLength: 300 }),
    onlyB: fc.uniqueArray(fc.nat(), { maxLength: 300 }),
  })
  .map(({ shared, onlyA, onlyB }) => ({
    a: toSortedSet([...shared, ...onlyA.map((x) => x + 0x40000000)]),
    b: toSortedSet([...shared, ...onlyB.map((x) => x + 0x80000000)]),
  }))
  .filter(({ a, b }) => a.length > 0 && b.length > 0);

describe('MinHash', () => {
  it('estimates Jaccard within tolerance of the exact value for random shingle sets', () => {
    // The index's own size (120): standard error at most 0.5/sqrt(120) = 0.046; 0.25 is 5.4 of them.
    const seeds = createSeeds(120);
    fc.assert(
      fc.property(shinglePair, ({ a, b }) => {
        const estimate = estimateJaccard(computeSignature(a, seeds), computeSignature(b, seeds));
        expect(Math.abs(estimate - exactJaccard(a, b))).toBeLessThanOrEqual(0.25);
      }),
      { numRuns: 200 },
    );
  });

  it('is unbiased: over many pairs the estimate averages to the exact value', () => {
    let state = 7;
    const next = (): number => (state = mix32(state + 0x9e3779b9));
    let signedError = 0;
    const pairs = 400;
    for (let t = 0; t < pairs; t++) {
      const shared = Array.from({ length: next() % 200 }, next);
      const a = toSortedSet([...shared, ...Array.from({ length: (next() % 200) + 1 }, next)]);
      const b = toSortedSet([...shared, ...Array.from({ length: (next() % 200) + 1 }, next)]);
      signedError += estimateJaccard(computeSignature(a, SEEDS), computeSignature(b, SEEDS)) - exactJaccard(a, b);
    }
    expect(Math.abs(signedError / pairs)).toBeLessThan(0.01);
  });

  it('is exact at the ends: identical sets give 1, disjoint sets almost never agree', () => {
    const a = toSortedSet(Array.from({ length: 200 }, (_, i) => i * 7919));
    const b = toSortedSet(Array.from({ length: 200 }, (_, i) => i * 7919 + 1));
    expect(estimateJaccard(computeSignature(a, SEEDS), computeSignature(a, SEEDS))).toBe(1);
    expect(estimateJaccard(computeSignature(a, SEEDS), computeSignature(b, SEEDS))).toBeLessThan(0.05);
  });

  it('hashes word shingles into a sorted distinct set; short texts give one shingle', () => {
    const words = 'the cat sat on the mat the cat sat'.split(' ');
    const shingles = hashShingles(words, 3);
    // "the cat sat" occurs twice: 7 windows, 6 distinct.
    expect(shingles.length).toBe(6);
    expect([...shingles]).toEqual([...shingles].sort((x, y) => x - y));
    expect(hashShingles(['two', 'words'], 3).length).toBe(1);
    expect(hashShingles([], 3).length).toBe(0);
    expect(hashShingles(['a', 'b', 'c'], 3)).not.toEqual(hashShingles(['c', 'b', 'a'], 3));
  });

  it('estimates containment of a trimmed copy from Jaccard and set sizes', () => {
    // B is half of A: J = 0.5, containment of B in A = 1.
    expect(estimateContainment(0.5, 200, 100)).toBeCloseTo(1, 5);
    expect(estimateContainment(0, 200, 100)).toBe(0);
    expect(estimateContainment(0.5, 0, 100)).toBe(0);
  });
});

describe('createLshIndex', () => {
  const seeds = createSeeds(120);
  const signatureOf = (values: readonly number[]): Uint32Array => computeSignature(toSortedSet(values), seeds);
  const base = Array.from({ length: 100 }, (_, i) => i * 31 + 5);

  it('finds a near-identical set and forgets it once removed', () => {
    const lsh = createLshIndex<string>({ bands: 40, rows: 3 });
    const candidates = (keys: Uint32Array): string[] => {
      const seen: string[] = [];
      lsh.forEachCandidate(keys, (value) => seen.push(value));
      return [...new Set(seen)];
    };
    const original = lsh.keysOf(signatureOf(base));
    const unrelated = lsh.keysOf(signatureOf(base.map((x) => x + 1_000_000)));
    lsh.add('original', original);
    lsh.add('unrelated', unrelated);
    const edited = lsh.keysOf(signatureOf([...base.slice(0, 90), 7, 8, 9]));
    expect(candidates(edited)).toEqual(['original']);
    lsh.remove('original', original);
    expect(candidates(edited)).toEqual([]);
    expect(lsh.size).toBe(1);
  });

  it('keeps the most recent values of a full bucket', () => {
    const lsh = createLshIndex<number>({ bands: 40, rows: 3, maxBucket: 2 });
    const keys = lsh.keysOf(signatureOf(base));
    for (const n of [1, 2, 3]) lsh.add(n, keys);
    const seen = new Set<number>();
    lsh.forEachCandidate(keys, (n) => seen.add(n));
    expect([...seen]).toEqual([2, 3]);
  });

  it('refuses a signature shorter than its bands need', () => {
    const lsh = createLshIndex<number>({ bands: 40, rows: 3 });
    expect(() => lsh.keysOf(new Uint32Array(10))).toThrow(/stories\/lsh-index/);
  });
});

describe('computeSignature', () => {
  it('is the per-seed minimum of mix32(shingle ^ seed), whatever the number of seeds', () => {
    const shingles = fc.uniqueArray(fc.nat(0xffffffff), { maxLength: 60 });
    fc.assert(
      fc.property(shingles, fc.integer({ min: 1, max: 11 }), (xs, k) => {
        const seeds = createSeeds(k);
        const set = Uint32Array.from(xs).sort();
        const expected = [...seeds].map((seed) => Math.min(0xffffffff, ...[...set].map((x) => mix32(x ^ seed))));
        expect([...computeSignature(set, seeds)]).toEqual(expected);
      }),
    );
  });
});
