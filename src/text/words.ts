// Splits text into words as spec/rules.md defines them: runs of letters and digits
// in any script; "U.S." is one word "us"; "Iraq's" is "iraq"; "Iran-backed" is two words.
// A hand-written scanner: this runs on every article, for every rule set (see bench/rules-bench.ts).
import { foldText } from './fold.ts';

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

// Character classes, decided once per BMP code unit: word character (letter, digit, mark),
// and letter (dotted abbreviations are letters only).
const WORD = 1;
const LETTER = 2;
const UPPER = 4;
const KNOWN = 8;
const classes = new Uint8Array(0x10000);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const LETTER_CHAR = /\p{L}/u;
const UPPER_CHAR = /\p{Lu}/u;
const NOT_ASCII = /[^\x00-\x7f]/;

function classify(codePoint: number): number {
  if (codePoint < 0x10000) {
    const known = classes[codePoint] as number;
    if (known !== 0) return known;
  }
  const c = String.fromCodePoint(codePoint);
  const bits = KNOWN | (WORD_CHAR.test(c) ? WORD : 0) | (LETTER_CHAR.test(c) ? LETTER : 0) | (UPPER_CHAR.test(c) ? UPPER : 0);
  if (codePoint < 0x10000) classes[codePoint] = bits;
  return bits;
}

const ASCII = Uint8Array.from({ length: 0x80 }, (_, c) => classify(c));

function codePointAt(text: string, i: number): number {
  return text.codePointAt(i) ?? 0;
}

function width(codePoint: number): number {
  return codePoint > 0xffff ? 2 : 1;
}

export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  scanWords(text, words, null);
  return words;
}

/** Only the folded words ("us", "iraq"): what matching needs, without building Word objects. */
export function splitFoldedWords(text: string): string[] {
  const texts: string[] = [];
  scanWords(text, null, texts);
  return texts;
}

function scanWords(text: string, words: Word[] | null, texts: string[] | null): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const cp = code < 0xd800 || code > 0xdbff ? code : codePointAt(text, i);
    const bits = code < 0x80 ? (ASCII[code] as number) : classify(cp);
    if ((bits & WORD) === 0) {
      i += width(cp);
      continue;
    }
    const start = i;
    const abbreviationEnd = (bits & LETTER) !== 0 && text.charCodeAt(i + width(cp)) === 0x2e ? scanAbbreviation(text, i) : -1;
    if (abbreviationEnd > 0) {
      const raw = text.slice(start, abbreviationEnd);
      const folded = fold(raw.replaceAll('.', ''));
      if (words !== null) words.push({ text: folded, raw, start, end: abbreviationEnd, capitalised: (bits & UPPER) !== 0 });
      else texts?.push(folded);
      i = abbreviationEnd;
      continue;
    }
    // Plain ASCII words (most of them) need only lower-casing; anything else is folded.
    let ascii = code < 0x80;
    let upper = (bits & UPPER) !== 0;
    i += width(cp);
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        const b = ASCII[c] as number;
        if ((b & WORD) === 0) break;
        if ((b & UPPER) !== 0) upper = true;
        i++;
      } else {
        const full = codePointAt(text, i);
        if ((classify(full) & WORD) === 0) break;
        ascii = false;
        i += width(full);
      }
    }
    const stemEnd = i;
    if (isPossessive(text, i)) i += 2;
    const stem = text.slice(start, stemEnd);
    const folded = ascii ? (upper ? stem.toLowerCase() : stem) : foldText(stem);
    if (words !== null) words.push({ text: folded, raw: stemEnd === i ? stem : text.slice(start, i), start, end: i, capitalised: (bits & UPPER) !== 0 });
    else texts?.push(folded);
  }
}

/** Two or more "letter." pairs from i ("U.S.", "e.g."): the end offset, else -1. */
function scanAbbreviation(text: string, i: number): number {
  let pairs = 0;
  let j = i;
  for (;;) {
    const cp = codePointAt(text, j);
    if (j >= text.length || (classify(cp) & LETTER) === 0 || text.charCodeAt(j + width(cp)) !== 0x2e) break;
    j += width(cp) + 1;
    pairs++;
  }
  return pairs >= 2 ? j : -1;
}

/** "'s" or "’s" not followed by a letter or digit. */
function isPossessive(text: string, i: number): boolean {
  const q = text.charCodeAt(i);
  if (q !== 0x27 && q !== 0x2019) return false;
  const s = text.charCodeAt(i + 1);
  if (s !== 0x73 && s !== 0x53) return false;
  if (i + 2 >= text.length) return true;
  const bits = classify(codePointAt(text, i + 2));
  return (bits & WORD) === 0 || isMarkOnly(text, i + 2);
}

/** A combining mark is a word character but does not block the possessive (as in the spec's regex). */
function isMarkOnly(text: string, i: number): boolean {
  const c = String.fromCodePoint(codePointAt(text, i));
  return !LETTER_CHAR.test(c) && !/\p{N}/u.test(c);
}

function fold(stem: string): string {
  return NOT_ASCII.test(stem) ? foldText(stem) : stem.toLowerCase();
}
