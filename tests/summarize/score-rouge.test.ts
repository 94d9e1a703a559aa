// ROUGE F1 scores: worked examples and properties.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreRouge } from '../../src/summarize/score-rouge.ts';

describe('scoreRouge', () => {
  it('scores identical texts 1 and disjoint texts 0', () => {
    expect(scoreRouge('Rockets hit Kirkuk', 'rockets hit KIRKUK.')).toEqual({ rouge1: 1, rouge2: 1, rougeL: 1 });
    expect(scoreRouge('alpha beta', 'gamma delta')).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
    expect(scoreRouge('', 'gamma delta')).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
  });

  it('matches a worked example', () => {
    // candidate: the cat was found under the bed (7); reference: the cat was under the bed (6)
    const s = scoreRouge('the cat was found under the bed', 'the cat was under the bed');
    // unigrams: overlap 6 → P 6/7, R 6/6; bigrams: the cat, cat was, under the, the bed = 4 of 6 / 5
    expect(s.rouge1).toBeCloseTo((2 * (6 / 7) * 1) / (6 / 7 + 1), 10);
    expect(s.rouge2).toBeCloseTo((2 * (4 / 6) * (4 / 5)) / (4 / 6 + 4 / 5), 10);
    expect(s.rougeL).toBeCloseTo(s.rouge1, 10); // LCS = 6
  });

  it('clips repeated n-grams to the reference count', () => {
    expect(scoreRouge('the the the', 'the cat').rouge1).toBeCloseTo((2 * (1 / 3) * (1 / 2)) / (1 / 3 + 1 / 2), 10);
  });

  it('is symmetric, bounded, and ROUGE-L never exceeds ROUGE-1', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 30 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, text, (x, y) => {
        const s = scoreRouge(x, y);
        const t = scoreRouge(y, x);
        expect(s.rouge1).toBeCloseTo(t.rouge1, 12);
        expect(s.rougeL).toBeCloseTo(t.rougeL, 12);
        for (const v of [s.rouge1, s.rouge2, s.rougeL]) expect(v >= 0 && v <= 1).toBe(true);
        expect(s.rougeL).toBeLessThanOrEqual(s.rouge1 + 1e-12);
      }),
    );
  });
});
