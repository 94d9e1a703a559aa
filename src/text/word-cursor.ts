// The one scanner behind splitWords (docs/rules.md, "Text model"): steps from word to word without
// allocating, so the rule engine can hash a word's folded characters without building its string.
import { FNV_OFFSET, FNV_PRIME } from './fnv.ts';
import { foldText } from './fold.ts';

// Character classes, decided once per BMP code unit: word character (letter, digit, mark),
// letter (dotted abbreviations are letters only), upper case.
const WORD = 1;
const LETTER = 2;
const UPPER = 4;
const BASE = 8; // letter or digit: a run of combining marks alone is not a word
const KNOWN = 16;
const classes = new Uint8Array(0x10000);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const LETTER_CHAR = /\p{L}/u;
const BASE_CHAR = /[\p{L}\p{N}]/u;
const UPPER_CHAR = /\p{Lu}/u;

function classify(codePoint: number): number {
  if (codePoint < 0x10000) {
    const known = classes[codePoint] as number;
    if (known !== 0) return known;
  }
  const c = String.fromCodePoint(codePoint);
  const bits =
    KNOWN | (WORD_CHAR.test(c) ? WORD : 0) | (LETTER_CHAR.test(c) ? LETTER : 0) | (UPPER_CHAR.test(c) ? UPPER : 0) | (BASE_CHAR.test(c) ? BASE : 0);
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

/**
 * After next() returns true: the word is text[start, end) as written, text[start, stemEnd)
 * without its possessive "'s"; `ascii` words fold by lower-casing alone, and for them `hash` is
 * already fnv1a (fnv.ts) of the folded word, computed while scanning.
 */
export class WordCursor {
  start = 0;
  stemEnd = 0;
  end = 0;
  /** Only ASCII characters (and not an abbreviation): folding is lower-casing. */
  ascii = true;
  /** Some character is upper case (ASCII words only). */
  upper = false;
  capitalised = false;
  /** A dotted abbreviation ("U.S."): folding drops the dots. */
  abbreviation = false;
  /** FNV-1a of the folded word as a signed 32-bit integer (ASCII words only). */
  hash = 0;
  private i = 0;

  constructor(readonly text: string) {}

  next(): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.i;
    while (i < n) {
      const code = text.charCodeAt(i);
      if (code < 0x80) {
        const bits = ASCII[code] as number;
        if ((bits & WORD) === 0) {
          i++;
          continue;
        }
        // An ASCII letter or digit: lower-casing is `| 0x20` for both.
        const start = i;
        let h = Math.imul(FNV_OFFSET ^ (code | 0x20), FNV_PRIME);
        let upper = (bits & UPPER) !== 0;
        let c = 0;
        i++;
        while (i < n) {
          c = text.charCodeAt(i);
          if (c >= 0x80) break;
          const b = ASCII[c] as number;
          if ((b & WORD) === 0) break;
          if ((b & UPPER) !== 0) upper = true;
          h = Math.imul(h ^ (c | 0x20), FNV_PRIME);
          i++;
        }
        // `c` is the character after the word, if any: it may make the word something else.
        if (i < n && (c === 0x2e || c >= 0x80)) {
          if (c === 0x2e) {
            if (i - start === 1 && (bits & LETTER) !== 0 && this.abbreviationAt(start)) return true;
          } else if ((classify(codePointAt(text, i)) & WORD) !== 0) {
            // The word goes on past ASCII ("Café"): scanned again the general way.
            if (this.scanWord(start)) return true;
            i = this.i;
            continue;
          }
        }
        this.start = start;
        this.capitalised = (bits & UPPER) !== 0;
        this.stemEnd = i;
        if ((c === 0x27 || c === 0x2019) && i < n && isPossessive(text, i)) i += 2;
        this.end = this.i = i;
        this.ascii = true;
        this.upper = upper;
        this.abbreviation = false;
        this.hash = h | 0;
        return true;
      }
      const cp = code < 0xd800 || code > 0xdbff ? code : codePointAt(text, i);
      const bits = classify(cp);
      if ((bits & WORD) === 0) {
        i += width(cp);
        continue;
      }
      if ((bits & LETTER) !== 0 && text.charCodeAt(i + width(cp)) === 0x2e && this.abbreviationAt(i)) return true;
      if (this.scanWord(i)) return true;
      i = this.i;
    }
    this.i = n;
    return false;
  }

  /** A dotted abbreviation starting at i ("U.S."): the cursor moves past it. */
  private abbreviationAt(i: number): boolean {
    const end = scanAbbreviation(this.text, i);
    if (end < 0) return false;
    this.start = i;
    this.capitalised = (classify(codePointAt(this.text, i)) & UPPER) !== 0;
    this.stemEnd = this.end = this.i = end;
    this.ascii = false;
    this.abbreviation = true;
    return true;
  }

  /**
   * The word starting at `start` (a word character) that has a non-ASCII character (next() takes
   * the all-ASCII ones); false when it is only combining marks.
   */
  private scanWord(start: number): boolean {
    const text = this.text;
    const n = text.length;
    const first = codePointAt(text, start);
    const bits = classify(first);
    let base = (bits & BASE) !== 0;
    let i = start + width(first);
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (((ASCII[c] as number) & WORD) === 0) break;
        base = true;
        i++;
      } else {
        const full = codePointAt(text, i);
        const b = classify(full);
        if ((b & WORD) === 0) break;
        if ((b & BASE) !== 0) base = true;
        i += width(full);
      }
    }
    this.stemEnd = i;
    if (isPossessive(text, i)) i += 2;
    this.end = this.i = i;
    if (!base) return false; // only combining marks: folds to nothing
    this.start = start;
    this.capitalised = (bits & UPPER) !== 0;
    this.ascii = false;
    this.upper = false;
    this.abbreviation = false;
    return true;
  }

  /** The current word folded for matching ("us", "iraq"). */
  folded(): string {
    const stem = this.text.slice(this.start, this.stemEnd);
    if (this.ascii) return this.upper ? stem.toLowerCase() : stem;
    return foldText(this.abbreviation ? stem.replaceAll('.', '') : stem);
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
  return (classify(codePointAt(text, i + 2)) & BASE) === 0;
}
