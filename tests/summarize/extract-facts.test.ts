// Incident facts of whole articles: the Kirkuk report (paraphrased, with its quirks) and a table
// of written fixtures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractFacts } from '../../src/summarize/extract-facts.ts';
import { loadGazetteer } from '../../src/geo/gazetteer.ts';
import type { Facts } from '../../src/domain/alert.ts';

const gazetteer = loadGazetteer();
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/articles/${name}`, import.meta.url), 'utf8');

const KIRKUK: Omit<Facts, 'attribution'> = {
  places: [
    { name: 'Kirkuk', country: 'IQ' },
    { name: 'Iraq', country: 'IQ' },
  ],
  killed: 1,
  injured: null,
  when: '2019-12-27',
};

describe('extractFacts', () => {
  it('reads the Kirkuk report: Kirkuk then Iraq, one killed, vague injuries, Friday', () => {
    const facts = extractFacts({ title: '', body: fixture('kirkuk-contractor-paraphrase.txt'), published: new Date('2019-12-27T14:00:00Z') }, gazetteer);
    expect(facts).toEqual({ ...KIRKUK, attribution: 'unclaimed; blamed by Washington on Iran-backed Shiite paramilitary factions' });
  });

  it('resolves "on Friday" from a Saturday report to the Friday', () => {
    const facts = extractFacts({ title: 'US contractor killed in Iraq', body: fixture('kirkuk-contractor-paraphrase.txt'), published: new Date('2019-12-28T06:00:00Z') }, gazetteer);
    expect(facts.when).toBe('2019-12-27');
    expect(facts.places).toEqual(KIRKUK.places);
  });

  interface Case {
    readonly name: string;
    readonly title: string;
    readonly body: string;
    readonly published: string | null;
    readonly expect: Facts;
  }
  const cases = JSON.parse(fixture('incidents.json')) as Case[];
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const facts = extractFacts({ title: c.title, body: c.body, published: c.published === null ? null : new Date(c.published) }, gazetteer);
    expect(facts).toEqual(c.expect);
  });

  it('gives nulls and no places for text without an incident', () => {
    expect(extractFacts({ title: 'Quarterly results', body: 'Profits rose 5% on strong sales.', published: null }, gazetteer)).toEqual({
      places: [],
      killed: null,
      injured: null,
      when: null,
      attribution: null,
    });
  });

  it('never throws on arbitrary text and keeps facts well-formed', () => {
    const word = fc.constantFrom('killed', 'wounded', 'two', 'dozen', 'a', 'an', 'in', 'Kirkuk', 'Iraq', 'US', 'Washington', 'said', 'on', 'Friday', 'December', '27', ',', '.', '-', '"', 'no', 'one', 'was', 'blamed', 'claimed', 'responsibility', 'Nice', '5,000', '\n');
    const text = fc.array(word, { maxLength: 60 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, text, fc.option(fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), { nil: null }), (title, body, published) => {
        const f = extractFacts({ title, body, published }, gazetteer);
        expect(f.places.length).toBeLessThanOrEqual(5);
        for (const n of [f.killed, f.injured]) if (n !== null) expect(Number.isInteger(n) && n >= 0).toBe(true);
        if (f.when !== null) expect(f.when).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
    );
  });
});
