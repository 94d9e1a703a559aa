// The labelled real-news cases (facts-cases.ts): every label is met, or the case records the known
// gap exactly, so that a fix or a regression both show here. Precision and recall over the table
// are computed by bench/facts-accuracy.ts and recorded in bench/RESULTS.md.
import { describe, expect, it } from 'vitest';
import { FACTS_CASES } from './facts-cases.ts';
import { extractFacts } from '../../src/summarize/extract-facts.ts';
import { loadGazetteer } from '../../src/geo/gazetteer.ts';

const gazetteer = loadGazetteer();

describe('facts on labelled real news', () => {
  it('has at least 60 cases, each from the corpus', () => {
    expect(FACTS_CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(FACTS_CASES.map((c) => [`${c.from}: ${c.title.slice(0, 60)}`, c] as const))('%s', (_, c) => {
    const facts = extractFacts({ title: c.title, body: c.body, published: null }, gazetteer);
    const expected = { killed: c.killed, injured: c.injured, ...c.gap };
    expect(facts.killed).toBe(expected.killed);
    expect(facts.injured).toBe(expected.injured);
    const places = c.gap?.places ?? c.places;
    if (places !== null) expect([...new Set(facts.places.map((p) => p.country))].sort()).toEqual([...places].sort());
  });
});
