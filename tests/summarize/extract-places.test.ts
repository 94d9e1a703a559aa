// Places of an incident: scene, not actors ("Washington said") nor nationalities ("US troops").
import { describe, expect, it } from 'vitest';
import { extractPlaces } from '../../src/summarize/extract-places.ts';
import { loadGazetteer } from '../../src/geo/gazetteer.ts';

const gazetteer = loadGazetteer();
const places = (...sentences: string[]): string[] => extractPlaces(sentences, gazetteer, 4).map((p) => `${p.name}/${p.country}`);

describe('extractPlaces', () => {
  it.each<[string, string[]]>([
    ['A rocket attack in northern Iraq killed a contractor.', ['Iraq/IQ']],
    ['Rockets hit a base in Kirkuk.', ['Kirkuk/IQ']],
    ['Kirkuk rocket attack kills contractor', ['Kirkuk/IQ']],
    ['An Iraqi military base came under fire.', ['Iraq/IQ']],
    ['Iraqi officials condemned it.', []],
    ['Washington said it would respond.', []],
    ['Washington has asked Baghdad to act.', []],
    ['Moscow denied any role, and Beijing warned against escalation.', []],
    ['Washington attributed the attacks to groups backed by Iran.', []],
    ['The Iran-backed groups and the US-led coalition', []],
    ['US troops and an American contractor were there.', []],
    ['attacks targeted US forces', []],
    ['The United States has a right to self-defence.', []],
    ['insurgents aimed at overthrowing the government in Baghdad', []],
    ['A truck drove into a crowd in Nice, France.', ['Nice/FR', 'France/FR']],
    ['An earthquake hit Turkey.', ['Turkey/TR']],
    ['The Turkey earthquake killed thousands.', ['Turkey/TR']],
    ['US strikes on Syria', ['Syria/SY']],
    ['Iraq: rocket attack kills contractor', ['Iraq/IQ']],
    ['Kyiv said the shelling of Kharkiv continued.', ['Kharkiv/UA']],
  ])('%j → %j', (text, expected) => {
    expect(places(text)).toEqual(expected);
  });

  it('ranks the title and lead first, then the most specific place', () => {
    expect(places('Blast in Iraq', 'A bomb exploded at a market in Kirkuk.', 'x', 'y', 'Later, in Mosul, police found another.')).toEqual([
      'Kirkuk/IQ',
      'Iraq/IQ',
      'Mosul/IQ',
    ]);
  });

  it('reads a shared city name in the country the text names', () => {
    expect(places('An explosion hit the port of Tripoli in northern Lebanon.')).toEqual(['Tripoli/LB', 'Lebanon/LB']);
    expect(places('Clashes in Tripoli.')).toEqual(['Tripoli/LY']);
  });

  it('lists at most five places, each once', () => {
    const text = 'Storms hit Paris, Lyon, Marseille, Nice, Lille, Nantes and Paris again.';
    const found = places(text);
    expect(found.length).toBe(5);
    expect(new Set(found).size).toBe(5);
  });
});

describe('extractPlaces, demonyms', () => {
  it.each<[string, string[]]>([
    ['An American base in Iraq was hit.', ['Iraq/IQ']],
    ['Rockets hit an Iraqi military base on Friday.', ['Iraq/IQ']],
    ['Rockets hit an Iraqi military base in Kirkuk.', ['Kirkuk/IQ']],
  ])('%j → %j', (text, expected) => {
    expect(extractPlaces([text], gazetteer, 4).map((p) => `${p.name}/${p.country}`)).toEqual(expected);
  });
});
