// The gazetteer: place names (countries, demonyms, admin-1 regions, cities) with their ISO
// country, for the rule language's `place:` operator (docs/rules.md) and incident facts.
import { readEntries } from './gazetteer-snapshot-file.ts';
import { findPlaceMentions } from './find-places.ts';
import { splitWords } from '../text/words.ts';
import type { Gazetteer, GazetteerEntry } from './gazetteer-types.ts';

let cached: Gazetteer | null = null;

/** Reads the gazetteer once per process (the build's snapshot, else built live) and returns the same one after. */
export function loadGazetteer(): Gazetteer {
  cached ??= createGazetteer();
  return cached;
}

function createGazetteer(): Gazetteer {
  const { entries, countryNames } = readEntries();
  // Indexed by first word, then by second word for longer names: "new" starts hundreds of names.
  const singles = new Map<string, GazetteerEntry[]>();
  const longer = new Map<string, Map<string, GazetteerEntry[]>>();
  const byCountry = new Map<string, GazetteerEntry[]>();
  for (const entry of entries) {
    const [first, second] = entry.words;
    if (first === undefined) continue;
    if (second === undefined) pushTo(singles, first, entry);
    else {
      let seconds = longer.get(first);
      if (seconds === undefined) longer.set(first, (seconds = new Map()));
      pushTo(seconds, second, entry);
    }
    pushTo(byCountry, entry.country, entry);
  }
  // Entries arrive in preference order; a stable sort by length keeps it within a length.
  for (const seconds of longer.values()) for (const list of seconds.values()) list.sort((a, b) => b.words.length - a.words.length);

  const lookup = (words: readonly string[], at: number): GazetteerEntry[] => {
    const first = words[at];
    if (first === undefined) return [];
    const single = singles.get(first);
    const second = words[at + 1];
    const multi = second === undefined ? undefined : longer.get(first)?.get(second);
    if (multi === undefined) return single === undefined ? [] : single.slice();
    const found = multi.filter((e) => e.words.every((w, k) => k < 2 || words[at + k] === w));
    return single === undefined ? found : found.concat(single);
  };

  const gazetteer: Gazetteer = {
    country(codeOrName) {
      const trimmed = codeOrName.trim();
      const byCode = countryNames.get(trimmed.toUpperCase());
      if (/^[A-Za-z]{2}$/.test(trimmed) && byCode !== undefined) return { code: trimmed.toUpperCase(), name: byCode };
      const words = splitFolded(trimmed);
      const hit = lookup(words, 0).find(
        (e) => e.words.length === words.length && (e.kind === 'country' || e.kind === 'demonym'),
      );
      if (hit === undefined) return null;
      return { code: hit.country, name: countryNames.get(hit.country) ?? hit.name };
    },
    namesInCountry: (code) => byCountry.get(code.toUpperCase()) ?? [],
    lookup,
    findPlaces: (words, text) => findPlaceMentions(words, text, lookup),
  };
  return gazetteer;
}

function splitFolded(text: string): string[] {
  return splitWords(text).map((w) => w.text);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
