// Sentence splitting: abbreviations, initials and decimals do not end sentences (property-tested).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitSentences } from '../../src/summarize/split-sentences.ts';

const texts = (text: string): string[] => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it.each<[string, string[]]>([
    ['The U.S. Embassy was hit. Nobody was hurt.', ['The U.S. Embassy was hit.', 'Nobody was hurt.']],
    ['It happened on Dec. 27. Police came.', ['It happened on Dec. 27.', 'Police came.']],
    ['Gen. Qassem Soleimani was killed.', ['Gen. Qassem Soleimani was killed.']],
    ['He lives at No. 10 Downing Street. He left.', ['He lives at No. 10 Downing Street.', 'He left.']],
    ['Mr. Smith met Dr. Jones and Mrs. Brown.', ['Mr. Smith met Dr. Jones and Mrs. Brown.']],
    ['George W. Bush and J. K. Rowling met. They talked.', ['George W. Bush and J. K. Rowling met.', 'They talked.']],
    ['Output rose 5.93 pct. It was the best year.', ['Output rose 5.93 pct.', 'It was the best year.']],
    ['"We will respond," he said. "Soon."', ['"We will respond," he said.', '"Soon."']],
    ['Really? Yes! Fine.', ['Really?', 'Yes!', 'Fine.']],
    ['It ended at 10 a.m. Police then left.', ['It ended at 10 a.m.', 'Police then left.']],
    ['first line\nsecond line', ['first line', 'second line']],
    ['He said no. then left', ['He said no. then left']],
    ['  \n  ', []],
  ])('%j', (text, expected) => {
    expect(texts(text)).toEqual(expected);
  });

  it('gives offsets of each sentence in the source', () => {
    const text = '  One here.  Two there.\nThree.';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  const word = fc.constantFrom('attack', 'rockets', 'base', 'killed', 'Kirkuk', 'the', 'U.S.', 'Dec.', 'Gen.', 'No. 5', 'Mr.', 'J.', '5.93', 'St.', 'e.g.', '3,000', 'Iraq');
  const sentence = fc
    .tuple(
      fc.constantFrom('Rockets', 'The', 'An', 'Police', 'Officials'),
      fc.array(word, { maxLength: 12 }),
      fc.constantFrom('hit', 'base', 'today', '2019'), // a sentence ending in "U.S." is ambiguous
      fc.constantFrom('.', '!', '?', '."'),
    )
    .map(([first, rest, last, end]) => `${[first, ...rest, last].join(' ')}${end}`);

  it('splits generated text exactly at the sentence ends, never at abbreviations', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 6 }), (sentences) => {
        expect(texts(sentences.join(' '))).toEqual(sentences);
      }),
    );
  });

  it('covers the text: sentences are in order, disjoint, trimmed, and hold every non-space character', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', '.', '!', '\n', '"', '5', 'U.S.') }), (text) => {
        const spans = splitSentences(text);
        let at = 0;
        for (const s of spans) {
          expect(s.start).toBeGreaterThanOrEqual(at);
          expect(text.slice(s.start, s.end)).toBe(s.text);
          expect(s.text).toBe(s.text.trim());
          expect(s.text).not.toBe('');
          expect(text.slice(at, s.start).trim()).toBe('');
          at = s.end;
        }
        expect(text.slice(at).trim()).toBe('');
      }),
    );
  });
});
