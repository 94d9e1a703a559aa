import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCountryUs, standsFor, wordForm } from '../../src/stories/name-variants.ts';

describe('wordForm', () => {
  const sameForm: ReadonlyArray<readonly [string, string, string]> = [
    ['transliterated endings', 'zelenskyy', 'zelenskiy'],
    ['ending against none', 'zelensky', 'zelenskyy'],
    ['spelling table', 'kiev', 'kyiv'],
    ['doubled letters', 'mccleod', 'mcleod'],
    ['demonym and country', 'russian', 'russia'],
    ['plural demonym', 'ukrainians', 'ukraine'],
    ['UK names', 'britain', 'uk'],
    ['US names', 'america', 'usa'],
    ['plural', 'attacks', 'attack'],
    ['verb endings', 'murdering', 'murdered'],
    ['-ies and -ied', 'testifies', 'testified'],
    ['doubled consonant before an ending', 'banned', 'ban'],
    ['month abbreviation', 'jan', 'january'],
    ['short plural', 'pows', 'pow'],
  ];
  it.each(sameForm)('one form: %s (%s, %s)', (_name, a, b) => {
    expect(wordForm(a)).toBe(wordForm(b));
  });

  const differentForms: ReadonlyArray<readonly [string, string]> = [
    ['kirkuk', 'baghdad'],
    ['lagos', 'beirut'],
    ['russia', 'ukraine'],
    ['2022', '202'],
    ['100', '10'],
  ];
  it.each(differentForms)('keeps apart %s and %s', (a, b) => {
    expect(wordForm(a)).not.toBe(wordForm(b));
  });

  it('returns a non-empty form for any folded word, the same every time (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{1,20}$/), (word) => {
        const form = wordForm(word);
        expect(form.length).toBeGreaterThan(0);
        expect(wordForm(word)).toBe(form);
      }),
    );
  });
});

describe('standsFor and isCountryUs', () => {
  it('adds what a capital stands for in headlines', () => {
    expect(standsFor('brussels')).toBe('eu');
    expect(standsFor('lagos')).toBeNull();
  });

  it('tells the country "US" from the pronoun', () => {
    expect(isCountryUs('US')).toBe(true);
    expect(isCountryUs('U.S.')).toBe(true);
    expect(isCountryUs('us')).toBe(false);
    expect(isCountryUs('Us')).toBe(false);
  });
});
