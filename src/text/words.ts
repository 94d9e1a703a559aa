// Splits text into words as docs/rules.md defines them: runs of letters and digits
// in any script; "U.S." is one word "us"; "Iraq's" is "iraq"; "Iran-backed" is two words.
// The scanning itself is WordCursor (word-cursor.ts), shared with the rule engine.
import { WordCursor } from './word-cursor.ts';

export interface Word {
  /** Folded form used for matching ("us", "iraq"). */
  readonly text: string;
  /** The characters as written ("U.S.", "Iraq's"). */
  readonly raw: string;
  /** Character offsets of `raw` in the source text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** First letter written in upper case (used to tell "Nice" the city from "nice"). */
  readonly capitalised: boolean;
}

export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  const cursor = new WordCursor(text);
  while (cursor.next()) {
    const { start, end, capitalised } = cursor;
    words.push({ text: cursor.folded(), raw: text.slice(start, end), start, end, capitalised });
  }
  return words;
}

/** Only the folded words ("us", "iraq"), without building Word objects. */
export function splitFoldedWords(text: string): string[] {
  const words: string[] = [];
  const cursor = new WordCursor(text);
  while (cursor.next()) words.push(cursor.folded());
  return words;
}
