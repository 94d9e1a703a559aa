// Datelines in the common wire forms become a place phrase; the date and agency are dropped.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findDateline } from '../../src/summarize/article-sentences.ts';
import { datelinePlace } from '../../src/summarize/dateline-place.ts';
import { extractFacts } from '../../src/summarize/extract-facts.ts';
import { loadGazetteer } from '../../src/geo/gazetteer.ts';

const gazetteer = loadGazetteer();

describe('datelinePlace', () => {
  it.each<[string, string | null]>([
    ['BAGHDAD - A bomb exploded in a market.', 'in Baghdad'],
    ['KATHMANDU (Reuters) - A strong earthquake struck.', 'in Kathmandu'],
    ['KATHMANDU, Nepal (Reuters) — A strong earthquake struck.', 'in Kathmandu, Nepal'],
    ['WASHINGTON, Dec 27 (AP) — Officials said.', 'in Washington'],
    ['Baghdad, Dec. 27 (Reuters) - Rockets hit a base.', 'in Baghdad'],
    ['NEW YORK, March 12 - Shares fell.', 'in New York'],
    ['Minneapolis (CNN)Car repairs can blow a budget.', 'in Minneapolis'],
    ['(CNN)Police raided the home.', null],
    ['A bomb exploded in a market.', null],
  ])('%j → %j', (body, expected) => {
    expect(datelinePlace(findDateline(body) ?? '')).toBe(expected);
  });

  it('returns a place phrase or null for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const place = datelinePlace(text);
        expect(place === null || place.startsWith('in ')).toBe(true);
      }),
    );
  });
});

describe('dateline, possessive and embassy places in facts', () => {
  const countries = (title: string, body: string): (string | null)[] => extractFacts({ title, body, published: null }, gazetteer).places.map((p) => p.country);

  it.each<[string, string, (string | null)[]]>([
    ['Quake hits', 'KATHMANDU (Reuters) - A strong earthquake struck on Sunday.', ['NP']],
    ['Blast', 'BAGHDAD - A bomb exploded in a market on Sunday.', ['IQ']],
    ['Blast', "A bomb exploded in Jakarta's financial district on Friday.", ['ID']],
    ['Protest', 'Protesters stormed the French embassy in Tehran on Sunday.', ['IR']],
    ['Blast', 'A car bomb exploded outside the Jordanian embassy in Baghdad.', ['IQ']],
    // A desk in Paris reporting an incident elsewhere: the dateline is not the scene.
    ['Blast', 'PARIS, March 18 - Eight people were killed in a blast in a cafe in Djibouti.', ['DJ']],
  ])('%s: %j → %j', (title, body, expected) => {
    expect(countries(title, body)).toEqual(expected);
  });
});
