// Summary paragraphs: whole sentences, at most two and about 300 characters to a paragraph.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summaryParagraphs } from '../../src/summarize/summary-paragraphs.ts';

describe('summaryParagraphs', () => {
  it('groups sentences two by two', () => {
    expect(summaryParagraphs('One happened. Two followed. Three came. Four ended.')).toEqual(['One happened. Two followed.', 'Three came. Four ended.']);
  });

  it('gives a long sentence its own paragraph', () => {
    const long = `${'A very long sentence '.repeat(14)}ends here.`;
    expect(summaryParagraphs(`Short one. ${long} Short two.`)).toEqual(['Short one.', long, 'Short two.']);
  });

  it('keeps every word, in order, and gives nothing for an empty summary', () => {
    expect(summaryParagraphs('   ')).toEqual([]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Rockets hit.', 'U.S. troops left.', 'Dec. 27 it ended.', 'Why?', 'x'), { maxLength: 20 }), (parts) => {
        const summary = parts.join(' ');
        expect(summaryParagraphs(summary).join(' ')).toBe(summary.replace(/\s+/g, ' ').trim());
      }),
    );
  });
});
