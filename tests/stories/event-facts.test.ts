import { describe, expect, it } from 'vitest';
import { createFactsSoFar, diffFacts, isCountryLevel, mergeFacts } from '../../src/stories/event-facts.ts';
import { BAGHDAD, IRAQ, KIRKUK, facts } from './story-fixtures.ts';

describe('isCountryLevel', () => {
  it('knows country-level names, including alternative spellings', () => {
    expect(isCountryLevel(IRAQ)).toBe(true);
    expect(isCountryLevel({ name: 'United States', country: 'US' })).toBe(true);
    expect(isCountryLevel({ name: 'USA', country: 'US' })).toBe(true);
    expect(isCountryLevel(KIRKUK)).toBe(false);
  });
});

describe('diffFacts', () => {
  function storyWith(...items: Parameters<typeof facts>[]): ReturnType<typeof createFactsSoFar> {
    const soFar = createFactsSoFar();
    for (const args of items) mergeFacts(soFar, facts(...args));
    return soFar;
  }

  it('reports a higher toll, the first toll, and new places', () => {
    expect(diffFacts(storyWith([[KIRKUK], 1]), facts([KIRKUK], 3))).toEqual({
      killed: { from: 1, to: 3 },
      injured: null,
      newPlaces: [],
    });
    expect(diffFacts(storyWith([[KIRKUK], null]), facts([KIRKUK], 2))?.killed).toEqual({ from: null, to: 2 });
    expect(diffFacts(storyWith([[KIRKUK], 1]), facts([KIRKUK, BAGHDAD], 1))?.newPlaces).toEqual([BAGHDAD]);
  });

  it('reports injuries on their own', () => {
    const soFar = createFactsSoFar();
    mergeFacts(soFar, { ...facts([KIRKUK], 1), injured: 4 });
    const update = diffFacts(soFar, { ...facts([KIRKUK], 1), injured: 9 });
    expect(update).toEqual({ killed: null, injured: { from: 4, to: 9 }, newPlaces: [] });
  });

  it('says nothing for a lower toll, a known place, its country, or no facts', () => {
    const soFar = storyWith([[KIRKUK], 3]);
    expect(diffFacts(soFar, facts([KIRKUK], 1))).toBeNull();
    expect(diffFacts(soFar, facts([IRAQ], null))).toBeNull();
    expect(diffFacts(soFar, null)).toBeNull();
  });

  it('merges the highest toll and keeps places once', () => {
    const soFar = storyWith([[KIRKUK], 3], [[KIRKUK, BAGHDAD], 1, '2019-12-27']);
    expect(soFar.killed).toBe(3);
    expect(soFar.places).toEqual([KIRKUK, BAGHDAD]);
    expect([...soFar.dates]).toEqual(['2019-12-27']);
  });
});
