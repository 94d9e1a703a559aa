// Sentence scoring and selection: the key sentence wins even when it is not the lead, the budget
// holds, the matched sentence is always in, and the picks come back in article order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreSentences } from '../../src/summarize/score-sentences.ts';
import { selectSentences } from '../../src/summarize/select-sentences.ts';
import { CAR_BOMB_SENTENCES, CAR_BOMB_TITLE } from './car-bomb-article.ts';

const ARTICLE = CAR_BOMB_SENTENCES;

function pick(sentences: readonly string[], title: string, budget: number, required?: number[]): number[] {
  return selectSentences(scoreSentences(sentences, title), sentences.map((s) => s.length), { budget, required });
}

describe('scoreSentences', () => {
  it('scores the sentence sharing the title and the article’s recurring words above the lead', () => {
    const scores = scoreSentences(ARTICLE, CAR_BOMB_TITLE).map((s) => s.score);
    expect(scores[3]).toBeGreaterThan(scores[0] ?? 0);
  });

  it('scores a question and a fragment below a statement at the same place', () => {
    const [statement, question] = [
      scoreSentences(['Rockets hit the base on Friday, killing two soldiers.', 'Rockets hit the base on Friday, killing two soldiers.'], ''),
      scoreSentences(['Rockets hit the base on Friday, killing two soldiers.', 'Did rockets hit the base on Friday, killing two soldiers?'], ''),
    ];
    expect(question[1]?.score).toBeLessThan(statement[1]?.score ?? 0);
  });

  it('gives an empty article no scores and a wordless sentence no topics', () => {
    expect(scoreSentences([], 'title')).toEqual([]);
    expect(scoreSentences(['—', 'The base was hit.'], '')[0]?.topics.size).toBe(0);
  });
});

describe('selectSentences', () => {
  it('takes the key sentence although it is the fourth, and leaves out the weather', () => {
    const chosen = pick(ARTICLE, CAR_BOMB_TITLE, 600);
    expect(chosen).toContain(3);
    expect(chosen).not.toContain(2);
    expect(chosen).not.toContain(5);
  });

  it('always takes the required sentence, even a weak one', () => {
    expect(pick(ARTICLE, '', 600, [5])).toContain(5);
  });

  it('keeps within the budget, in article order, without repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 200 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 50, max: 600 }), (sentences, budget) => {
        const chosen = pick(sentences, 'a title', budget);
        expect(chosen.length).toBeGreaterThan(0);
        expect([...chosen].sort((a, b) => a - b)).toEqual(chosen);
        expect(new Set(chosen).size).toBe(chosen.length);
        const used = chosen.reduce((n, i) => n + (sentences[i]?.length ?? 0), 0) + chosen.length - 1;
        // Only a single first sentence may overrun (summarize cuts it at a word).
        if (chosen.length > 1) expect(used).toBeLessThanOrEqual(budget);
      }),
    );
  });
});
