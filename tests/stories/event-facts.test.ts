import { describe, expect, it } from 'vitest';
import { createFactsSoFar, diffFacts, eventDate, isCountryLevel, mergeFacts } from '../../src/stories/event-facts.ts';
import { BAGHDAD, IRAQ, KIRKUK, at, facts } from './story-fixtures.ts';

const PUBLISHED = at(2).getTime();

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
    for (const args of items) mergeFacts(soFar, facts(...args), PUBLISHED);
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
    mergeFacts(soFar, { ...facts([KIRKUK], 1), injured: 4 }, PUBLISHED);
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

describe('eventDate', () => {
  const published = Date.parse('2022-04-05T23:18:00Z');
  it.each<[string, string | null, string]>([
    ['2022-04-05', '2022-04-05', 'the day of publication'],
    ['2022-04-06', '2022-04-06', 'the next day (time zones)'],
    ['2022-03-29', '2022-03-29', 'a week before'],
    ['2022-03-27', null, 'more than a week before: recalled'],
    ['2021-12-10', null, 'months before: recalled'],
    ['not a date', null, 'malformed'],
  ])('%s → %s (%s)', (when, expected) => {
    expect(eventDate(facts([], null, when), published)).toBe(expected);
  });

  it('is null without facts or a date, and a recalled date never becomes one of the story\'s', () => {
    expect(eventDate(null, published)).toBeNull();
    expect(eventDate(facts([KIRKUK]), published)).toBeNull();
    const soFar = createFactsSoFar();
    mergeFacts(soFar, facts([KIRKUK], 1, '2019-10-01'), PUBLISHED);
    expect(soFar.dates.size).toBe(0);
  });
});
