// The gazetteer: countries, demonyms, regions and cities, and the ambiguity rules of findPlaces.
import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/geo/gazetteer.ts';
import { splitWords } from '../../src/text/words.ts';

const gazetteer = loadGazetteer();

function places(text: string): string[] {
  return gazetteer.findPlaces(splitWords(text), text).map((m) => `${m.entry.name}/${m.entry.country}`);
}

describe('country', () => {
  it.each([
    ['Iraq', 'IQ', 'Iraq'],
    ['IQ', 'IQ', 'Iraq'],
    ['iq', 'IQ', 'Iraq'],
    ['iraq', 'IQ', 'Iraq'],
    ['Republic of Iraq', 'IQ', 'Iraq'],
    ['Iraqi', 'IQ', 'Iraq'],
    ['Turkey', 'TR', 'Turkey'],
    ['United States', 'US', 'United States'],
    ['USA', 'US', 'United States'],
    ['Britain', 'GB', 'United Kingdom'],
  ])('%s → %s', (input, code, name) => {
    expect(gazetteer.country(input)).toEqual({ code, name });
  });

  it.each(['Atlantis', 'Kirkuk', '', 'ZZ'])('%j is not a country', (input) => {
    expect(gazetteer.country(input)).toBeNull();
  });
});

describe('lookup', () => {
  it('gives the entries starting at a word, longest first', () => {
    const words = ['in', 'new', 'york', 'city'];
    const found = gazetteer.lookup(words, 1);
    expect(found[0]?.words).toEqual(['new', 'york', 'city']);
    expect(found.every((e) => e.words.every((w, k) => words[1 + k] === w))).toBe(true);
    expect(gazetteer.lookup(words, 0)).toEqual([]);
    expect(gazetteer.lookup(words, 9)).toEqual([]);
  });

  it('keeps every country of a shared name, the most populous first', () => {
    const tripoli = gazetteer.lookup(['tripoli'], 0);
    expect(tripoli[0]?.country).toBe('LY');
    expect(tripoli.map((e) => e.country)).toContain('LB');
  });

  it('spells entries as splitWords folds them', () => {
    for (const e of [...gazetteer.namesInCountry('IQ'), ...gazetteer.namesInCountry('FR').slice(0, 300)]) {
      expect(e.words).toEqual(splitWords(e.name).map((w) => w.text));
    }
  });
});

describe('namesInCountry', () => {
  it('lists the names of Iraq and nothing outside it', () => {
    const names = gazetteer.namesInCountry('IQ');
    const byName = new Map(names.map((e) => [e.name, e.kind]));
    expect(byName.get('Iraq')).toBe('country');
    expect(byName.get('Iraqi')).toBe('demonym');
    expect(byName.get('Kirkuk')).toBe('city');
    expect(byName.get('Erbil')).toBe('city');
    expect(byName.get('Kurdistan')).toBe('region');
    expect(names.every((e) => e.country === 'IQ')).toBe(true);
    expect(gazetteer.namesInCountry('iq')).toBe(names);
    expect(gazetteer.namesInCountry('ZZ')).toEqual([]);
  });
});

describe('findPlaces', () => {
  it.each<[string, string[]]>([
    ['Rockets hit a base in Kirkuk overnight.', ['Kirkuk/IQ']],
    ['kirkuk governor says', ['Kirkuk/IQ']],
    ['Baghdad', ['Baghdad/IQ']],
    ['Iraqi forces responded', ['Iraqi/IQ']],
    ['the iraqi flag', []],
    ['The weather is nice today.', []],
    ['Nice weather today.', []],
    ['A truck attack in Nice, France, killed 84.', ['Nice/FR', 'France/FR']],
    ['Crowds gathered on the seafront as Nice mourned.', ['Nice/FR']],
    ['Flooding hit Mobile, Alabama, on Monday.', ['Mobile/US', 'Alabama/US']],
    ['I lost my mobile phone.', []],
    ['Mobile phones are banned.', []],
    ['He was reading a book.', []],
    ['the city of Reading', ['Reading/GB']],
    ['Police said two people were held.', []],
    ['They told us nothing.', []],
    ['U.S. troops left.', ['US/US']],
    ['US troops left.', ['US/US']],
    ['Chad Smith scored twice.', []],
    ['Fighting in Chad displaced thousands.', ['Chad/TD']],
    ['Basketball star Michael Jordan retired.', []],
    ['Jordan Henderson scored.', []],
    ['King Abdullah of Jordan visited.', ['Jordan/JO']],
    ['The Washington Post reported it.', []],
    ['He killed two birds with one stone.', []],
    ['Sales in South America fell.', []],
    ['Obama said so.', []],
    ['Protests in New York and Paris', ['New York/US', 'Paris/FR']],
    ['Tripoli', ['Tripoli/LY']],
    ['a 24-hour strike in Gaza', ['Gaza/PS']],
    ['clashes in the West Bank', ['West Bank/PS']],
    ['shelling in Donbas and Crimea', ['Donbas/UA', 'Crimea/UA']],
    ['ATTACK IN KIRKUK KILLS CONTRACTOR', ['Kirkuk/IQ']],
  ])('%j → %j', (text, expected) => {
    expect(places(text)).toEqual(expected);
  });

  it('gives word offsets and every candidate of the span', () => {
    const text = 'Blast in Tripoli today';
    const [mention] = gazetteer.findPlaces(splitWords(text), text);
    expect(mention?.start).toBe(2);
    expect(mention?.end).toBe(3);
    expect(mention?.candidates.map((e) => e.country)).toEqual(expect.arrayContaining(['LY', 'LB']));
    expect(mention?.candidates[0]).toBe(mention?.entry);
  });

  it('works without the source text (sentence starts unknown)', () => {
    expect(gazetteer.findPlaces(splitWords('attack in Nice, France')).map((m) => m.entry.name)).toEqual(['Nice', 'France']);
    expect(gazetteer.findPlaces(splitWords('nice weather')).map((m) => m.entry.name)).toEqual([]);
  });

  it('is built once', () => {
    expect(loadGazetteer()).toBe(gazetteer);
  });
});
