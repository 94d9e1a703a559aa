// Decides what a mention of a place name must show before it counts (gazetteer.ts `Confirm`):
// names that are ordinary words ("Nice", "Mobile") or mostly people ("Obama", Japan) need more.
import { COMMON_WORD_NAMES, FUNCTION_WORD_NAMES, PERSON_NAME_NAMES } from './ambiguous-names.ts';
import type { Confirm, PlaceKind } from './gazetteer-types.ts';

/** Above this, a city named like a person is still mostly the city ("Houston", "Sydney"). */
const FAMOUS_CITY = 500_000;
/** Above this, a city named like a word is known enough that a capital shows it ("Nice", "Reading"). */
const KNOWN_CITY = 150_000;

/** Words added by hand to the generated lists (news-specific false hits seen in testing). */
const HAND_COMMON = [
  'nice', 'mobile', 'reading', 'split', 'bath', 'police', 'deal', 'sale', 'union', 'delta', 'university',
  'north', 'south', 'east', 'west', 'central', 'centre', 'center', 'northern', 'southern', 'eastern', 'western',
  'gulf', 'bay', 'midlands', 'coast', 'old', 'new', 'san', 'sun', 'asia', 'europe', 'africa', 'commerce',
  'republic', 'national', 'universal', 'paramount', 'league', 'liberty', 'golden', 'green', 'young', 'dome',
  'savage', 'bear', 'atlantic', 'pacific', 'riverside', 'redwood', 'bell', 'man', 'un', 'ba', 'sim', 'peel', 'stade',
];
/** Names that are mostly people or parties in the news. */
const HAND_PERSON = ['lib', 'bush', 'cueto', 'prescott', 'radcliffe', 'davenport', 'eastwood', 'livingstone', 'mercedes', 'kanye', 'tata', 'cicero'];
const HAND_FUNCTION = [
  'of', 'is', 'as', 'by', 'to', 'and', 'or', 'the', 'an', 'at', 'in', 'on', 'no', 'we', 'he', 'be',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
];
const commonWords = new Set([...COMMON_WORD_NAMES, ...HAND_COMMON]);
const functionWords = new Set([...FUNCTION_WORD_NAMES, ...HAND_FUNCTION]);
const personNames = new Set([...PERSON_NAME_NAMES, ...HAND_PERSON]);

export function classifyName(
  name: string,
  words: readonly string[],
  kind: PlaceKind,
  population: number | null,
): Confirm | 'drop' {
  if (kind === 'demonym') return 'capitalised'; // "french fries", "china plates"
  if (/^[A-Z]{2,}$/.test(name.replaceAll('.', ''))) return 'capitalised'; // "US" vs "us"
  const single = words.length === 1 ? words[0] : undefined;
  if (single !== undefined && (functionWords.has(single) || /^\d/.test(single))) {
    return kind === 'country' ? 'capitalised' : 'drop';
  }
  if (kind === 'country') {
    return single !== undefined && (commonWords.has(single) || personNames.has(single)) ? 'capitalised' : 'none';
  }
  // Regions have no population here: they need a cue whenever their name means something else.
  const size = population ?? 0;
  if (single !== undefined) {
    if (personNames.has(single)) return size >= FAMOUS_CITY ? 'capitalised' : 'context';
    if (commonWords.has(single)) return size >= KNOWN_CITY ? 'capitalised' : 'context';
    return 'none';
  }
  // "West Bank", "Palm Bay": every word ordinary, so only capitals show a name.
  return words.every((w) => commonWords.has(w) || functionWords.has(w)) ? 'capitalised' : 'none';
}
