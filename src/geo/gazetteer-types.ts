// The gazetteer's nouns: a place entry, a mention found in a text, and what the gazetteer answers.
// Built by build-entries.ts, looked up by find-places.ts, loaded once by gazetteer.ts.
import type { Word } from '../text/words.ts';

export type PlaceKind = 'country' | 'demonym' | 'region' | 'city';

/**
 * What a mention must show before it counts as this place:
 * - `none`: any mention ("Kirkuk", "kirkuk");
 * - `capitalised`: written with a capital (all capitals for acronyms such as "US"), and for
 *   cities and regions not as the first word of a sentence or headline unless a locative cue
 *   confirms it ("Nice", but not "nice weather" nor "Nice weather today.");
 * - `context`: a locative cue: "in Hamilton", "Hamilton, Canada" (names that are mostly people).
 */
export type Confirm = 'none' | 'capitalised' | 'context';

export interface GazetteerEntry {
  /** The name as the gazetteer spells it ("Kirkuk", "USA", "Iraqi"). */
  readonly name: string;
  /** `name` split and folded with splitWords (src/text/words.ts). */
  readonly words: readonly string[];
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly kind: PlaceKind;
  readonly population: number | null;
  /** Also an ordinary word or a person's name: see `confirm` for what a mention needs. */
  readonly ambiguous: boolean;
  readonly confirm: Confirm;
  /** A national capital: its name often stands for the government ("Washington said"). */
  readonly capital: boolean;
}

export interface PlaceMention {
  /** The most likely place (see `preferEntries` in build-entries.ts for the order). */
  readonly entry: GazetteerEntry;
  /** Every entry that fits this span, `entry` first ("Tripoli": LY, then LB). */
  readonly candidates: readonly GazetteerEntry[];
  /** Word offsets in the scanned words, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export interface Gazetteer {
  /** "Iraq" | "iraq" | "IQ" | "Republic of Iraq" | "Iraqi" → { code: 'IQ', name: 'Iraq' }. */
  country(codeOrName: string): { code: string; name: string } | null;
  /** Every entry located in that country (its names, demonyms, regions, cities). */
  namesInCountry(code: string): readonly GazetteerEntry[];
  /** Entries whose words start at words[at], longest first, then most likely first. */
  lookup(words: readonly string[], at: number): GazetteerEntry[];
  /**
   * Places named in a tokenised text, left to right, longest match first. Pass the text the
   * words were split from to let it see sentence starts and commas ("Nice, France").
   */
  findPlaces(words: readonly Word[], text?: string): PlaceMention[];
}
