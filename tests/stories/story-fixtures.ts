// Hand-written news texts for the story clustering tests: one wire story and its re-edited
// copies, follow-ups, and different events on the same topic.
import type { Facts, Place } from '../../src/domain/alert.ts';
import type { StoryInput } from '../../src/stories/story-index.ts';

export const KIRKUK: Place = { name: 'Kirkuk', country: 'IQ' };
export const BAGHDAD: Place = { name: 'Baghdad', country: 'IQ' };
export const IRAQ: Place = { name: 'Iraq', country: 'IQ' };
export const LAGOS: Place = { name: 'Lagos', country: 'NG' };
export const BEIRUT: Place = { name: 'Beirut', country: 'LB' };

export function facts(places: readonly Place[], killed: number | null = null, when: string | null = null): Facts {
  return { places, killed, injured: null, when, attribution: null };
}

/** Hours after 2019-12-27 10:00 UTC. */
export function at(hours: number): Date {
  return new Date(Date.UTC(2019, 11, 27, 10) + hours * 3_600_000);
}

export function item(partial: Partial<StoryInput> & Pick<StoryInput, 'key' | 'title'>): StoryInput {
  return { source: 'Wire', body: '', published: at(0), facts: null, ...partial };
}

const WIRE_PARAGRAPHS = [
  'A rocket attack on an Iraqi military base near the northern city of Kirkuk killed a US civilian contractor on Friday and wounded four American service members and two members of the Iraqi security forces, the US-led coalition said.',
  'More than 30 rockets struck the K1 base, which hosts American troops, shortly after 7pm local time, according to two Iraqi security officials who spoke on condition of anonymity.',
  'No group immediately claimed responsibility for the attack. Washington has blamed Iran-backed militias for a string of similar strikes on bases hosting coalition forces in recent weeks.',
  'The coalition said Iraqi forces were leading the response and investigation, and that a launch site had been found in a field west of the base with several unfired rockets.',
  'The attack was the eleventh on bases with a US presence since late October, and the first to kill an American, raising fears of a wider confrontation between Washington and Tehran on Iraqi soil.',
];

export const WIRE_BODY = WIRE_PARAGRAPHS.join('\n');

/** The wire story as re-published by several outlets, each with light edits. */
export const WIRE_COPIES: readonly StoryInput[] = [
  item({
    key: 'wire-1',
    source: 'Wire',
    title: 'US contractor killed in rocket attack on Iraqi base',
    body: WIRE_BODY,
    published: at(0),
    facts: facts([KIRKUK, IRAQ], 1, '2019-12-27'),
  }),
  item({
    key: 'herald-88',
    source: 'Daily Herald',
    title: 'American killed as rockets hit base near Kirkuk',
    body: `By Sam Reporter, Associated Staff\n${WIRE_PARAGRAPHS.slice(0, 3).join('\n')}`,
    published: at(1),
    facts: facts([KIRKUK], 1, '2019-12-27'),
  }),
  item({
    key: 'https://times.example/world/iraq-attack',
    source: 'Evening Times',
    title: 'Rocket strike kills US contractor in northern Iraq',
    body: WIRE_BODY.replace('on Friday', 'late on Friday')
      .replace('More than 30 rockets', 'Over 30 rockets')
      .replace('according to two Iraqi security officials', 'two Iraqi officials said'),
    published: at(2),
    facts: facts([KIRKUK, IRAQ], 1, '2019-12-27'),
  }),
  item({
    key: 'post-5521',
    source: 'Morning Post',
    title: 'Iraq: one American dead after rocket barrage',
    body: `${WIRE_PARAGRAPHS.slice(0, 4).join('\n')}\nRead more: our coverage of the region.`,
    published: at(3),
    facts: null,
  }),
];

/** A later report on the same attack: new wording, a higher toll. */
export const KIRKUK_FOLLOW_UP: StoryInput = item({
  key: 'wire-2',
  source: 'Gazette',
  title: 'Toll from Kirkuk rocket attack on K1 base rises to three',
  body:
    'Two more people have died of wounds suffered when rockets struck the K1 military base near Kirkuk on Friday, Iraqi officials said on Saturday, bringing the toll from the attack to three.\n' +
    'The coalition said the US contractor killed in the attack had been working as an interpreter.',
  published: at(20),
  facts: facts([KIRKUK], 3, '2019-12-27'),
});

/** Same topic two days later, a different target in another city. */
export const BAGHDAD_ATTACK: StoryInput = item({
  key: 'wire-3',
  source: 'Wire',
  title: 'Rocket attack hits US embassy compound in Baghdad',
  body:
    'Several rockets struck inside the US embassy compound in Baghdad on Sunday, the third such attack this month, Iraqi security officials said.\n' +
    'There were no immediate reports of casualties. No group claimed responsibility for the attack on the heavily fortified Green Zone.',
  published: at(50),
  facts: facts([BAGHDAD], null, '2019-12-29'),
});

export function explosion(key: string, city: string, place: Place | null, hours: number): StoryInput {
  return item({
    key,
    source: `${city} Desk`,
    title: `Explosion in ${city} kills five, injures dozens`,
    body: `A powerful explosion tore through a warehouse in ${city} on Friday, killing five people and injuring dozens, emergency services said. The cause of the blast was not immediately known.`,
    published: at(hours),
    facts: place === null ? null : facts([place], 5, '2019-12-27'),
  });
}
