import { describe, expect, it } from 'vitest';
import type { Place } from '../../src/domain/alert.ts';
import type { PlaceRelation } from '../../src/stories/event-facts.ts';
import { createSeeds } from '../../src/stories/minhash.ts';
import { NOWHERE, relateWhere, whereabouts } from '../../src/stories/place-relation.ts';
import { profileText } from '../../src/stories/text-profile.ts';
import { BAGHDAD, BEIRUT, IRAQ, KIRKUK, LAGOS, facts } from './story-fixtures.ts';

const LEBANON: Place = { name: 'Lebanon', country: 'LB' };
const KYIV: Place = { name: 'Kyiv', country: 'UA' };
const KIEV: Place = { name: 'Kiev', country: 'UA' };
const MOSCOW: Place = { name: 'Moscow', country: 'RU' };
const BUCHA: Place = { name: 'Bucha', country: 'UA' };
const SPRINGFIELD: Place = { name: 'Springfield', country: null };

type Side = readonly [title: string, places: readonly Place[]];

const SEEDS = createSeeds(8);

/** The headline's term ids, as a text profile keeps them. */
function headline(title: string): Int32Array {
  return profileText(title, '', { seeds: SEEDS }).titleTerms.ids;
}

describe('relateWhere', () => {
  const cases: ReadonlyArray<readonly [string, Side, Side, PlaceRelation]> = [
    ['one city in both headlines', ['Rockets hit Kirkuk base', [KIRKUK, IRAQ]], ['Kirkuk toll rises', [KIRKUK]], 'shared-place'],
    ['one city, two spellings', ['Blast in Kiev', [KIEV]], ['Kyiv explosion kills two', [KYIV]], 'shared-place'],
    ['a headline city the other text names lower down', ['Kirkuk attack', [KIRKUK]], ['US contractor killed', [IRAQ, KIRKUK]], 'shared-place'],
    ['two cities of one country', ['Blast in Kirkuk', [KIRKUK, IRAQ]], ['Blast in Baghdad', [BAGHDAD, IRAQ]], 'conflict'],
    ['cities of two countries', ['Explosion in Lagos', [LAGOS]], ['Explosion in Beirut', [BEIRUT]], 'conflict'],
    ['two countries', ['Floods in Iraq', [IRAQ]], ['Floods in Lebanon', [LEBANON]], 'conflict'],
    ['a city against its country', ['Explosion in Beirut', [BEIRUT]], ['Lebanon explosion', [LEBANON]], 'shared-country'],
    ['headlines naming no place: background places do not conflict', ['Leaders must face justice', [MOSCOW]], ['Nightmarish crimes described', [BUCHA]], 'unknown'],
    ['one side says nothing', ['Explosion in Lagos', [LAGOS]], ['Explosion kills five', []], 'unknown'],
    ['no country known, same name', ['Fire in Springfield', [SPRINGFIELD]], ['Springfield fire', [SPRINGFIELD]], 'shared-place'],
    ['no country known, other names', ['Fire in Springfield', [SPRINGFIELD]], ['Fire in Shelbyville', [{ name: 'Shelbyville', country: null }]], 'conflict'],
  ];
  it.each(cases)('%s', (_name, [titleA, placesA], [titleB, placesB], expected) => {
    const a = whereabouts(facts(placesA), headline(titleA));
    const b = whereabouts(facts(placesB), headline(titleB));
    expect(relateWhere(a, b)).toBe(expected);
    expect(relateWhere(b, a)).toBe(expected);
  });

  it('has nowhere for an item without facts', () => {
    expect(whereabouts(null, headline('Explosion in Lagos'))).toBe(NOWHERE);
    expect(relateWhere(NOWHERE, whereabouts(facts([LAGOS]), headline('Explosion in Lagos')))).toBe('unknown');
  });

  it('takes the scene from the headline only', () => {
    const scene = whereabouts(facts([KIRKUK, IRAQ]), headline('Rocket strike kills contractor in Kirkuk')).scene;
    expect(scene.map((p) => p.name)).toEqual(['kirkuk']);
    expect(whereabouts(facts([KIRKUK, IRAQ]), headline('US contractor killed in rocket attack')).scene).toEqual([]);
    expect(whereabouts(facts([{ name: 'Golan Heights', country: 'SY' }]), headline('Shelling in the Golan Heights')).scene).toHaveLength(1);
  });
});
