// A built wirewatch reads the gazetteer from a snapshot the build writes: decoding it must give
// exactly what a fresh build from the place packages and hand tables gives, in the same order.
import { describe, expect, it } from 'vitest';
import { buildEntries } from '../../src/geo/build-entries.ts';
import { decodeSnapshot, encodeSnapshot } from '../../src/geo/gazetteer-snapshot-codec.ts';

describe('gazetteer snapshot', () => {
  it('decodes to a fresh build, entry for entry', () => {
    const built = buildEntries();
    const read = decodeSnapshot(encodeSnapshot(built));
    expect(read.entries).toEqual(built.entries);
    expect(read.countryNames).toEqual(built.countryNames);
  });

  it('round-trips names with quotes and accents, and places without a population', () => {
    const entries = [
      { name: "Côte d'Ivoire", words: ['côte', 'd', 'ivoire'], country: 'CI', kind: 'country', population: null, ambiguous: false, confirm: 'none', capital: false },
      { name: 'Nice', words: ['nice'], country: 'FR', kind: 'city', population: 342_522, ambiguous: true, confirm: 'capitalised', capital: true },
    ] as const;
    const decoded = decodeSnapshot(encodeSnapshot({ entries, countryNames: new Map([['CI', "Côte d'Ivoire"]]) }));
    expect(decoded.entries.map((e) => [e.name, e.country, e.kind, e.population, e.ambiguous, e.confirm, e.capital])).toEqual(
      entries.map((e) => [e.name, e.country, e.kind, e.population, e.ambiguous, e.confirm, e.capital]),
    );
    expect(decoded.countryNames.get('CI')).toBe("Côte d'Ivoire");
  });
});
