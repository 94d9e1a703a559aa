// splitWords / splitFoldedWords / foldText (docs/rules.md, "Text model").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/text/fold.ts';
import { splitFoldedWords, splitWords } from '../../src/text/words.ts';
import { splitWordsByRegex } from './regex-split-words.ts';

const texts = (text: string): string[] => splitWords(text).map((w) => w.text);

describe('splitWords', () => {
  it.each([
    ['Rocket attack in Iraq', ['rocket', 'attack', 'in', 'iraq']],
    ['the U.S. and the U.N.', ['the', 'us', 'and', 'the', 'un']],
    ["Iraq's army, Iraq’s army", ['iraq', 'army', 'iraq', 'army']],
    ['Iran-backed militia', ['iran', 'backed', 'militia']],
    ['Café São Paulo İstanbul', ['cafe', 'sao', 'paulo', 'istanbul']],
    ['9/11 and 3.5%', ['9', '11', 'and', '3', '5']],
    ["don't", ['don', 't']],
    ['Kirkuk’sfine', ['kirkuk', 'sfine']],
    ['東京 and Москва', ['東京', 'and', 'москва']],
    ['e.g. Mr.Smith', ['eg', 'mr', 'smith']],
    ['', []],
    ['  ,;  ', []],
  ])('%j → %j', (text, expected) => {
    expect(texts(text)).toEqual(expected);
  });

  it('keeps offsets, the raw text and capitalisation', () => {
    expect(splitWords("In Iraq's north, the U.S. base")).toEqual([
      { text: 'in', raw: 'In', start: 0, end: 2, capitalised: true },
      { text: 'iraq', raw: "Iraq's", start: 3, end: 9, capitalised: true },
      { text: 'north', raw: 'north', start: 10, end: 15, capitalised: false },
      { text: 'the', raw: 'the', start: 17, end: 20, capitalised: false },
      { text: 'us', raw: 'U.S.', start: 21, end: 25, capitalised: true },
      { text: 'base', raw: 'base', start: 26, end: 30, capitalised: false },
    ]);
  });

  const tricky = fc.constantFrom('a', 'B', 'é', 'e\u0301', '\u0301', '.', "'", '’', 's', 'S', ' ', '-', '1', 'İ', 'ß', 'ﬁ', '日', '😀', '\u{1D400}', 'Ω', '\n');
  const trickyText = fc.array(tricky, { maxLength: 30 }).map((a) => a.join(''));

  it('agrees with the regular-expression definition on any text', () => {
    fc.assert(
      fc.property(fc.oneof(trickyText, fc.string({ unit: 'grapheme', maxLength: 40 })), (text) => {
        expect(splitWords(text)).toEqual(splitWordsByRegex(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('splitFoldedWords gives the same words without offsets', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        expect(splitFoldedWords(text)).toEqual(texts(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('words are folded, non-empty, and cover their raw text', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        for (const w of splitWords(text)) {
          expect(w.text.length).toBeGreaterThan(0);
          expect(foldText(w.text)).toBe(w.text);
          expect(text.slice(w.start, w.end)).toBe(w.raw);
        }
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('foldText', () => {
  it.each([
    ['Café', 'cafe'],
    ['İstanbul', 'istanbul'],
    ['ÀÉÎÕÜ', 'aeiou'],
    ['Straße', 'straße'],
  ])('%j → %j', (text, expected) => {
    expect(foldText(text)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (t) => {
        expect(foldText(foldText(t))).toBe(foldText(t));
      }),
      { numRuns: 5_000 },
    );
  });
});
