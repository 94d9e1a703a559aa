// An article's words looked up in the rule set's TermTable as they are scanned: each word's table
// entry (or -1) and where it is, kept in reusable typed arrays (spec/rules.md, "Text model").
// This is all the per-article work before rules are evaluated: no NLP, nothing per rule.
import type { Article, Field } from '../domain/match.ts';
import { WordCursor } from '../text/word-cursor.ts';
import { splitWords } from '../text/words.ts';
import type { Word } from '../text/words.ts';
import { FIELDS } from './query-plan.ts';
import { PREFIX_KEY_LENGTH, prefixKeyOf } from './term-table.ts';
import type { PrefixEntry, TermTable, WordEntry } from './term-table.ts';
import { WordHash } from './word-hash.ts';

/** A word position: field index in the top bits, so codes sort by field, then position. */
export const FIELD_SHIFT = 24;
const POSITION_MASK = (1 << FIELD_SHIFT) - 1;
export const fieldOf = (code: number): number => code >>> FIELD_SHIFT;
export const positionOf = (code: number): number => code & POSITION_MASK;

/** Size of the bit set for four-letter prefix keys. */
const PREFIX_BITS = 1 << 20;

type Wake = (rules: readonly number[]) => void;

/** Where one field's words are: table entry, offsets and fold flags, by position. */
class FieldWords {
  count = 0;
  entries = new Int32Array(256);
  starts = new Int32Array(256);
  stemEnds = new Int32Array(256);
  /** 1 = ASCII, 2 = abbreviation, 4 = upper case. */
  flags = new Uint8Array(256);
  /** The previous position (code) of the same table entry in the article, or -1. */
  previous = new Int32Array(256);

  add(entry: number, cursor: WordCursor, previous: number): void {
    if (this.count === this.entries.length) this.grow();
    const i = this.count++;
    this.entries[i] = entry;
    this.previous[i] = previous;
    this.starts[i] = cursor.start;
    this.stemEnds[i] = cursor.stemEnd;
    this.flags[i] = (cursor.ascii ? 1 : 0) | (cursor.abbreviation ? 2 : 0) | (cursor.upper ? 4 : 0);
  }

  private grow(): void {
    const size = this.entries.length * 2;
    const copy = <T extends Int32Array | Uint8Array>(from: T, to: T): T => (to.set(from), to);
    this.entries = copy(this.entries, new Int32Array(size));
    this.starts = copy(this.starts, new Int32Array(size));
    this.stemEnds = copy(this.stemEnds, new Int32Array(size));
    this.flags = copy(this.flags, new Uint8Array(size));
    this.previous = copy(this.previous, new Int32Array(size));
  }
}

/** Per-rule-set arrays, reused from article to article; a generation number marks what is current. */
export class IndexScratch {
  generation = 0;
  readonly hash: WordHash;
  readonly entries: readonly WordEntry[];
  readonly entrySeen: Int32Array;
  /** In how many articles each entry's word occurred (for choosing rarer index words). */
  readonly entryArticles: Uint32Array;
  readonly entryMask: Uint8Array;
  /** Positions of an entry, computed when first asked for in an article (entryCodesSeen). */
  readonly entryCodes: number[][];
  readonly entryCodesSeen: Int32Array;
  /** The last position (code) of an entry in the current article (chained back through FieldWords.previous). */
  readonly entryLast: Int32Array;
  /**
   * Bits for the ASCII keys (prefixKeyOf) of three-letter prefixes, and for longer prefixes' four-letter
   * keys (hashed to PREFIX_BITS): most words skip the prefix map.
   */
  readonly prefixStarts3 = new Uint32Array(1 << 16);
  readonly prefixStarts4 = new Uint32Array(PREFIX_BITS >>> 5);
  /** The prefix entries each table word matches, found once here rather than per article. */
  readonly entryPrefixes: (readonly PrefixEntry[])[];
  /** Prefix entries by id. */
  readonly prefixList: PrefixEntry[] = [];
  readonly matcherSeen: Int32Array;
  readonly matcherMask: Uint8Array;
  /** Positions of the words matching each prefix matcher (indexed by matcher id). */
  readonly prefixCodes: number[][];
  readonly prefixSeen: Int32Array;
  /** The entries and prefix entries first met in the current article (their rules are woken after the scan). */
  readonly metEntries: Int32Array;
  metEntryCount = 0;
  readonly metPrefixes: Int32Array;
  metPrefixCount = 0;
  readonly fields = FIELDS.map(() => new FieldWords());

  constructor(readonly table: TermTable) {
    this.hash = new WordHash(table.words);
    this.entries = table.entries();
    this.entrySeen = new Int32Array(table.words.length);
    this.entryArticles = new Uint32Array(table.words.length);
    this.entryMask = new Uint8Array(table.words.length);
    this.entryCodes = Array.from({ length: table.words.length }, () => []);
    this.entryCodesSeen = new Int32Array(table.words.length);
    this.entryLast = new Int32Array(table.words.length);
    this.entryPrefixes = table.words.map((word) => prefixesOf(table, word));
    for (const list of table.byPrefixKey.values()) {
      for (const e of list) this.prefixList[e.id] = e;
      for (const { prefix } of list) {
        const [c0, c1, c2, c3] = [0, 1, 2, 3].map((i) => prefix.charCodeAt(i)) as [number, number, number, number];
        if ((c0 | c1 | c2) >= 0x80 || (prefix.length > PREFIX_KEY_LENGTH && c3 >= 0x80)) continue;
        const bits = prefix.length === PREFIX_KEY_LENGTH ? this.prefixStarts3 : this.prefixStarts4;
        const key = prefix.length === PREFIX_KEY_LENGTH ? prefixKeyOf(c0, c1, c2) : prefixKeyOf(c0, c1, c2, c3) & (PREFIX_BITS - 1);
        bits[key >>> 5] = (bits[key >>> 5] as number) | (1 << (key & 31));
      }
    }
    this.matcherSeen = new Int32Array(table.matchers.length);
    this.matcherMask = new Uint8Array(table.matchers.length);
    this.prefixCodes = Array.from({ length: table.matchers.length }, () => []);
    this.prefixSeen = new Int32Array(table.prefixes);
    this.metEntries = new Int32Array(table.words.length);
    this.metPrefixes = new Int32Array(table.prefixes);
  }
}

export class ArticleIndex {
  readonly generation: number;
  private readonly words: (readonly Word[] | undefined)[] = [];

  /** `wake` receives the rules indexed under the article's words (possibly several times). */
  constructor(
    readonly texts: Article,
    readonly scratch: IndexScratch,
    wake?: Wake,
  ) {
    const generation = ++scratch.generation;
    this.generation = generation;
    const { hash, entries, entrySeen, entryMask, entryArticles, entryLast } = scratch;
    const prefixes = scratch.table.byPrefixKey.size > 0;
    const metEntries = scratch.metEntries;
    let met = 0;
    scratch.metPrefixCount = 0;
    for (let f = 0; f < FIELDS.length; f++) {
      const field = scratch.fields[f] as FieldWords;
      field.count = 0;
      const bit = 1 << f;
      const cursor = new WordCursor(texts[FIELDS[f] as Field]);
      while (cursor.next() && field.count < POSITION_MASK) {
        const id = hash.find(cursor);
        const code = (f << FIELD_SHIFT) | field.count;
        if (id < 0) field.add(id, cursor, -1);
        else {
          field.add(id, cursor, entrySeen[id] === generation ? (entryLast[id] as number) : -1);
          entryLast[id] = code;
          if (entrySeen[id] !== generation) {
            entrySeen[id] = generation;
            entryMask[id] = bit;
            entryArticles[id] = (entryArticles[id] as number) + 1;
            const entry = entries[id] as WordEntry;
            this.markMatchers(entry.matchers, bit);
            if (entry.rules.length > 0) metEntries[met++] = id;
          } else if (((entryMask[id] as number) & bit) === 0) {
            entryMask[id] = (entryMask[id] as number) | bit;
            this.markMatchers((entries[id] as WordEntry).matchers, bit);
          }
        }
        if (!prefixes) continue;
        if (id < 0) this.notePrefixes(cursor, code, f);
        else {
          const known = scratch.entryPrefixes[id] as readonly PrefixEntry[];
          for (let i = 0; i < known.length; i++) this.notePrefix(known[i] as PrefixEntry, code, f);
        }
      }
    }
    scratch.metEntryCount = met;
    if (wake !== undefined) this.wakeRules(wake);
  }

  /** Hands `wake` the rules indexed under the words and prefixes the article has. */
  private wakeRules(wake: Wake): void {
    const { entries, metEntries, metEntryCount, metPrefixes, metPrefixCount, prefixList } = this.scratch;
    for (let i = 0; i < metEntryCount; i++) wake((entries[metEntries[i] as number] as WordEntry).rules);
    for (let i = 0; i < metPrefixCount; i++) wake((prefixList[metPrefixes[i] as number] as PrefixEntry).rules);
  }

  private markMatchers(matchers: readonly number[], bit: number): void {
    const { matcherSeen, matcherMask } = this.scratch;
    for (let i = 0; i < matchers.length; i++) {
      const m = matchers[i] as number;
      if (matcherSeen[m] !== this.generation) {
        matcherSeen[m] = this.generation;
        matcherMask[m] = bit;
      } else matcherMask[m] = (matcherMask[m] as number) | bit;
    }
  }

  /** Prefix matchers and prefix-indexed rules for the cursor's word (keys: prefixKeyOf). */
  private notePrefixes(cursor: WordCursor, code: number, f: number): void {
    const byKey = this.scratch.table.byPrefixKey;
    if (cursor.ascii) {
      const { text, start, stemEnd } = cursor;
      if (stemEnd - start < PREFIX_KEY_LENGTH) return;
      const c0 = lower(text.charCodeAt(start));
      const c1 = lower(text.charCodeAt(start + 1));
      const c2 = lower(text.charCodeAt(start + 2));
      const { prefixStarts3, prefixStarts4 } = this.scratch;
      const key3 = prefixKeyOf(c0, c1, c2);
      if (((prefixStarts3[key3 >>> 5] as number) & (1 << (key3 & 31))) !== 0) {
        const three = byKey.get(key3);
        if (three !== undefined) this.matchPrefixes(three, cursor, null, code, f);
      }
      if (stemEnd - start === PREFIX_KEY_LENGTH) return;
      const key4 = prefixKeyOf(c0, c1, c2, lower(text.charCodeAt(start + 3)));
      const bit4 = key4 & (PREFIX_BITS - 1);
      if (((prefixStarts4[bit4 >>> 5] as number) & (1 << (bit4 & 31))) === 0) return;
      const four = byKey.get(key4);
      if (four !== undefined) this.matchPrefixes(four, cursor, null, code, f);
      return;
    }
    const word = cursor.folded();
    if (word.length < PREFIX_KEY_LENGTH) return;
    const c = (i: number): number => word.charCodeAt(i);
    const three = byKey.get(prefixKeyOf(c(0), c(1), c(2)));
    if (three !== undefined) this.matchPrefixes(three, cursor, word, code, f);
    if (word.length === PREFIX_KEY_LENGTH) return;
    const four = byKey.get(prefixKeyOf(c(0), c(1), c(2), c(3)));
    if (four !== undefined) this.matchPrefixes(four, cursor, word, code, f);
  }

  /** `word`: the folded word, or null for an ASCII word compared in place. */
  private matchPrefixes(candidates: readonly PrefixEntry[], cursor: WordCursor, word: string | null, code: number, f: number): void {
    for (const e of candidates) {
      if (word === null ? !asciiStartsWith(cursor.text, cursor.start, cursor.stemEnd, e.prefix) : !word.startsWith(e.prefix)) continue;
      this.notePrefix(e, code, f);
    }
  }

  /** Records that the word at `code` starts with e.prefix. */
  private notePrefix(e: PrefixEntry, code: number, f: number): void {
    const { matcherSeen, matcherMask, prefixCodes, prefixSeen } = this.scratch;
    const generation = this.generation;
    const m = e.matcher;
    if (m >= 0) {
      if (matcherSeen[m] !== generation) {
        matcherSeen[m] = generation;
        matcherMask[m] = 1 << f;
        prefixCodes[m] = [code];
      } else {
        matcherMask[m] = (matcherMask[m] as number) | (1 << f);
        (prefixCodes[m] as number[]).push(code);
      }
    }
    if (prefixSeen[e.id] !== generation) {
      prefixSeen[e.id] = generation;
      if (e.rules.length > 0) this.scratch.metPrefixes[this.scratch.metPrefixCount++] = e.id;
    }
  }

  /** Whether a word matcher matched in one of `fields` (bit mask). */
  present(matcher: number, fields: number): boolean {
    return this.scratch.matcherSeen[matcher] === this.generation && ((this.scratch.matcherMask[matcher] as number) & fields) !== 0;
  }

  /** Positions of a table word entry in this article (empty if absent), found on first request. */
  codesOfEntry(entry: number): readonly number[] {
    const { entrySeen, entryLast, entryCodes, entryCodesSeen, fields } = this.scratch;
    if (entrySeen[entry] !== this.generation) return [];
    if (entryCodesSeen[entry] === this.generation) return entryCodes[entry] as number[];
    const codes: number[] = [];
    for (let code = entryLast[entry] as number; code >= 0; code = (fields[fieldOf(code)] as FieldWords).previous[positionOf(code)] as number) codes.push(code);
    codes.reverse();
    entryCodesSeen[entry] = this.generation;
    entryCodes[entry] = codes;
    return codes;
  }

  /** Positions of the words matching a prefix matcher. */
  codesOfPrefix(matcher: number): readonly number[] {
    return this.scratch.matcherSeen[matcher] === this.generation ? (this.scratch.prefixCodes[matcher] as number[]) : [];
  }

  /** Number of words in a field. */
  wordCount(field: number): number {
    return (this.scratch.fields[field] as FieldWords).count;
  }

  /** The table entry of the word at a position (-1: no rule mentions it). */
  entryAt(field: number, position: number): number {
    const words = this.scratch.fields[field] as FieldWords;
    return position < words.count ? (words.entries[position] as number) : -1;
  }

  /** The folded word at a position, or undefined past the end of the field. */
  wordAt(field: number, position: number): string | undefined {
    const words = this.scratch.fields[field] as FieldWords;
    if (position >= words.count) return undefined;
    const text = this.texts[FIELDS[field] as Field];
    const stem = text.slice(words.starts[position], words.stemEnds[position]);
    const flags = words.flags[position] as number;
    if ((flags & 1) !== 0) return (flags & 4) !== 0 ? stem.toLowerCase() : stem;
    // Not plain ASCII: scan the stem again to fold it exactly as the cursor does.
    const cursor = new WordCursor(stem);
    return cursor.next() ? cursor.folded() : stem;
  }

  /** The words of a field with their offsets and case (split again on demand: places, explanations). */
  wordsOf(field: number): readonly Word[] {
    let words = this.words[field];
    if (words === undefined) {
      words = splitWords(this.texts[FIELDS[field] as Field]);
      this.words[field] = words;
    }
    return words;
  }
}

/** The prefix entries a folded word matches (keyed as notePrefixes looks them up). */
function prefixesOf(table: TermTable, word: string): PrefixEntry[] {
  if (word.length < PREFIX_KEY_LENGTH) return [];
  const c = (i: number): number => word.charCodeAt(i);
  const keys = [prefixKeyOf(c(0), c(1), c(2))];
  if (word.length > PREFIX_KEY_LENGTH) keys.push(prefixKeyOf(c(0), c(1), c(2), c(3)));
  return keys.flatMap((key) => (table.byPrefixKey.get(key) ?? []).filter((e) => word.startsWith(e.prefix)));
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Whether text[start, end) lower-cased starts with `prefix`, without building the word. */
function asciiStartsWith(text: string, start: number, end: number, prefix: string): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (lower(text.charCodeAt(start + i)) !== prefix.charCodeAt(i)) return false;
  return true;
}
