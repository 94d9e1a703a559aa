// Scans tokenised text for gazetteer places, longest name first, applying each name's
// `confirm` rule (gazetteer.ts) so that "nice weather" is not Nice and "Chad Smith" not Chad.
import type { Word } from '../text/words.ts';
import type { GazetteerEntry, PlaceMention } from './gazetteer-types.ts';

type Lookup = (words: readonly string[], at: number) => GazetteerEntry[];

/** Below this population, a town next to another capitalised name is taken as part of that name. */
const SMALL_CITY = 100_000;

/** Words before a name that say it is a location: "in Nice", "near Mobile", "in northern X". */
const LOCATIVE = new Set(['in', 'near', 'at', 'outside', 'inside', 'from', 'into', 'across', 'around', 'to', 'toward', 'towards', 'throughout', 'within', 'via', 'nearby']);
const DIRECTION = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'downtown', 'suburban', 'rural', 'coastal']);
/** "the city of Reading", "the port of Split". */
const PLACE_NOUNS = new Set(['city', 'town', 'village', 'province', 'region', 'state', 'port', 'capital', 'district', 'county', 'suburb', 'outskirts', 'area', 'island', 'governorate']);
/** A capitalised word after a city that makes it part of another name ("Washington Post"). */
const NAME_TAILS = new Set(['post', 'times', 'journal', 'herald', 'tribune', 'gazette', 'chronicle', 'observer', 'press', 'university', 'college', 'airlines', 'airways', 'street', 'avenue', 'road', 'club', 'fc', 'united', 'city', 'rovers', 'wanderers', 'athletic', 'county', 'stock', 'symphony', 'zoo']);
/** Regions of the world that no gazetteer country owns: matched so that their words are not
 * read as places ("South America" is not America, "Middle East" not East, CM). */
const NOT_PLACES: readonly (readonly string[])[] = [
  'asia', 'europe', 'africa', 'oceania', 'americas', 'south america', 'latin america', 'north america',
  'central america', 'middle east', 'near east', 'far east', 'east asia', 'south asia', 'southeast asia',
  'central asia', 'asia pacific', 'scandinavia', 'caribbean', 'balkans', 'levant', 'sahel',
  'eastern europe', 'western europe', 'sub saharan africa', 'north africa', 'east africa', 'west africa',
  'southern africa', 'horn of africa', 'persian gulf', 'arabian peninsula', 'south east asia',
].map((p) => p.split(' ')).sort((a, b) => b.length - a.length);
const NOT_PLACE_STARTS = new Set(NOT_PLACES.map((p) => p[0]));

/** Lower-case particles inside names ("Bosnia and Herzegovina", "Salah al-Din"). */
const PARTICLES = new Set(['of', 'the', 'and', 'de', 'del', 'al', 'el', 'la', 'le', 'du', 'da', 'do', 'dos', 'das', 'upon', 'on', 'sur', 'am', 'an', 'bin', 'ibn', 'din']);

export function findPlaceMentions(words: readonly Word[], text: string | undefined, lookup: Lookup): PlaceMention[] {
  const folded = words.map((w) => w.text);
  let headline: boolean | undefined;
  let shouting: boolean | undefined;
  const scan: Scan = {
    words,
    folded,
    text,
    lookup,
    get headline() {
      return (headline ??= isHeadlineCase(words));
    },
    get shouting() {
      return (shouting ??= isShouting(words));
    },
  };
  const mentions: PlaceMention[] = [];
  let i = 0;
  while (i < words.length) {
    const region = NOT_PLACE_STARTS.has(folded[i]) ? NOT_PLACES.find((p) => p.every((w, k) => folded[i + k] === w)) : undefined;
    if (region !== undefined) {
      i += region.length;
      continue;
    }
    const candidates = lookup(folded, i);
    let matched = 0;
    for (let k = 0; k < candidates.length && matched === 0; ) {
      const n = candidates[k]?.words.length ?? 0;
      const sameLength: GazetteerEntry[] = [];
      while (k < candidates.length && candidates[k]?.words.length === n) sameLength.push(candidates[k++] as GazetteerEntry);
      const accepted = sameLength.filter((e) => accepts(scan, e, i, n));
      const best = accepted[0];
      if (best !== undefined) {
        mentions.push({ entry: best, candidates: accepted, start: i, end: i + n });
        matched = n;
      }
    }
    i += matched > 0 ? matched : 1;
  }
  return mentions;
}

interface Scan {
  readonly words: readonly Word[];
  readonly folded: readonly string[];
  readonly text: string | undefined;
  readonly lookup: Lookup;
  readonly headline: boolean;
  /** Mostly upper case (wire headlines): "UN" may just be "Un" shouted. */
  readonly shouting: boolean;
}

function accepts(scan: Scan, e: GazetteerEntry, at: number, n: number): boolean {
  const span = scan.words.slice(at, at + n);
  if (isAcronym(e.name) ? !span.every((w) => isAcronym(w.raw)) : span.some((w) => isShortAcronym(w.raw, e)) && !scan.shouting) {
    return false; // "us" is not US; "ILO" is not Ilo (PE); but "BAGHDAD (Reuters)" is Baghdad
  }
  if (scan.shouting && e.confirm !== 'none') return false;
  const local = e.kind === 'city' || e.kind === 'region';
  if (local && continuesAsName(scan, at + n)) return false;
  // A small town named like part of a longer name ("Baltasar Garzón", "Dax index") is that name.
  if (e.confirm === 'none') return !(e.kind === 'city' && (e.population ?? 0) < SMALL_CITY && !scan.headline && partOfPersonName(scan, at, n));
  if (!span.every((w) => w.capitalised || PARTICLES.has(w.text))) return false;
  if (e.confirm === 'context') return hasLocativeCue(scan, e, at, n) && !partOfPersonName(scan, at, n);
  if (!local) return e.kind !== 'country' || !partOfPersonName(scan, at, n);
  if (scan.headline || startsSentence(scan, at)) return hasLocativeCue(scan, e, at, n);
  return !partOfPersonName(scan, at, n) || hasLocativeCue(scan, e, at, n);
}

function isShortAcronym(raw: string, e: GazetteerEntry): boolean {
  return isAcronym(raw) && (raw.replaceAll('.', '').length <= 3 || e.confirm !== 'none');
}

function isAcronym(raw: string): boolean {
  // Fast exit for the usual word: a lower-case second letter.
  const second = raw.charCodeAt(1);
  if (second >= 97 && second <= 122) return false;
  const letters = raw.replaceAll('.', '');
  return letters.length >= 2 && /^\p{Lu}+$/u.test(letters);
}

/** The characters between word j-1 and word j (a space when the text is not known). */
function gapBefore(scan: Scan, j: number): string {
  const prev = scan.words[j - 1];
  const word = scan.words[j];
  if (prev === undefined || word === undefined) return '';
  return scan.text === undefined ? ' '.repeat(Math.max(1, word.start - prev.end)) : scan.text.slice(prev.end, word.start);
}

function startsSentence(scan: Scan, at: number): boolean {
  if (at === 0) return true;
  const gap = gapBefore(scan, at);
  return /[.!?:;\n"“‘([]/.test(gap);
}

function isSpaceOnly(gap: string): boolean {
  return /^[ \t]+$/.test(gap);
}

/** "Washington Post", "Manchester United": a capitalised name word follows without a break. */
function continuesAsName(scan: Scan, next: number): boolean {
  const w = scan.words[next];
  return w !== undefined && w.capitalised && NAME_TAILS.has(w.text) && isSpaceOnly(gapBefore(scan, next));
}

/**
 * "Chad Smith", "Michael Jordan", "T-Mobile", "Mobile PC": a capitalised word that is no place
 * touches the name, so the name is part of a longer one.
 */
function partOfPersonName(scan: Scan, at: number, n: number): boolean {
  const joins = (j: number): boolean => /^(?:[ \t]+|-)$/.test(gapBefore(scan, j));
  const isPlace = (j: number): boolean => scan.lookup(scan.folded, j).some((e) => e.confirm === 'none');
  const next = scan.words[at + n];
  if (next !== undefined && next.capitalised && joins(at + n) && !isPlace(at + n)) return true;
  const prev = scan.words[at - 1];
  return (
    prev !== undefined &&
    prev.capitalised &&
    joins(at) &&
    (!startsSentence(scan, at - 1) || gapBefore(scan, at) === '-') &&
    !isPlace(at - 1) &&
    !LOCATIVE.has(prev.text)
  );
}

function hasLocativeCue(scan: Scan, e: GazetteerEntry, at: number, n: number): boolean {
  const before = (k: number): string | undefined => scan.folded[at - k];
  if (isSpaceOnly(gapBefore(scan, at))) {
    // Skip "the" and a direction: "in the West Bank", "in northern Mobile".
    let k = 1;
    if (before(k) === 'the') k++;
    if (DIRECTION.has(before(k) ?? '')) k++;
    const p1 = before(k);
    if (p1 !== undefined && LOCATIVE.has(p1)) return true;
    if (p1 === 'of' && PLACE_NOUNS.has(before(k + 1) ?? '')) return true;
  }
  // "Nice, France", "Hamilton, Ontario": the next name is a country or region of the same country.
  const next = scan.words[at + n];
  if (next === undefined || !next.capitalised || !/^\s*[,(]?\s*$/.test(gapBefore(scan, at + n))) return false;
  return scan.lookup(scan.folded, at + n).some((o) => o.country === e.country && (o.kind === 'country' || o.kind === 'region'));
}

function isShouting(words: readonly Word[]): boolean {
  let long = 0;
  let upper = 0;
  for (const w of words) {
    if (w.raw.length < 4 || !/^\p{L}/u.test(w.raw)) continue;
    long++;
    if (isAcronym(w.raw)) upper++;
  }
  return long >= 2 && upper / long >= 0.7;
}

/** Headlines in Title Case capitalise ordinary words, so capitals prove nothing there. */
function isHeadlineCase(words: readonly Word[]): boolean {
  let long = 0;
  let capitalised = 0;
  for (const w of words) {
    if (w.raw.length < 4 || !/^\p{L}/u.test(w.raw)) continue;
    long++;
    if (w.capitalised) capitalised++;
  }
  return long >= 3 && capitalised / long >= 0.7;
}
