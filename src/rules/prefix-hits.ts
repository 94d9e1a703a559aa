// Wildcards (`attack*`, docs/rules.md "Terms") in an article: which of the rule set's prefixes
// each word starts with, found while the article is scanned (article-index.ts). A small filter
// of prefix keys lets most words skip the lookup; a word of the rule set's own table has its
// prefixes listed once, at compile time (prefixesOf).
import type { HitPool } from './hit-pool.ts';
import { fieldOf } from './position-code.ts';
import { PREFIX_KEY_LENGTH, prefixKeyOf } from './term-table.ts';
import type { PrefixEntry, TermTable } from './term-table.ts';
import type { WordCursor } from '../text/word-cursor.ts';

/** Bits of the prefix-key filter: small enough to stay in the first-level cache. */
const FILTER_BITS = 15;

/** Where a prefix key (prefixKeyOf) falls in the filter (a multiplicative hash). */
const filterBit = (key: number): number => Math.imul(key, 0x9e3779b1) >>> (32 - FILTER_BITS);

/** Per rule set, reused from article to article. */
export class PrefixHits {
  /** One bit per ASCII prefix key (filterBit). */
  private readonly filter = new Uint32Array((1 << FILTER_BITS) >>> 5);
  /** The prefix matcher of each prefix entry, or -1 (only rules are filed under it). */
  private readonly matchers: Int32Array;
  private readonly seen: Int32Array;
  /** (matcher, code) pairs of the words that matched a prefix matcher in the current article. */
  private hits = new Int32Array(256);
  private hitCount = 0;
  /** The distinct prefix entries met in the current article. */
  readonly met: Int32Array;
  metCount = 0;
  private generation = 0;

  /** `matcherState` is the article index's per-matcher state (generation, field mask), shared. */
  constructor(
    private readonly table: TermTable,
    private readonly matcherState: Int32Array,
  ) {
    this.matchers = new Int32Array(table.prefixes);
    this.seen = new Int32Array(table.prefixes);
    this.met = new Int32Array(table.prefixes);
    for (const list of table.byPrefixKey.values()) {
      for (const { id, prefix, matcher } of list) {
        this.matchers[id] = matcher;
        const [c0, c1, c2, c3] = [0, 1, 2, 3].map((i) => prefix.charCodeAt(i)) as [number, number, number, number];
        if ((c0 | c1 | c2) >= 0x80 || (prefix.length > PREFIX_KEY_LENGTH && c3 >= 0x80)) continue;
        const bit = filterBit(prefix.length === PREFIX_KEY_LENGTH ? prefixKeyOf(c0, c1, c2) : prefixKeyOf(c0, c1, c2, c3));
        this.filter[bit >>> 5] = (this.filter[bit >>> 5] as number) | (1 << (bit & 31));
      }
    }
  }

  /** Whether the rule set has any prefix at all. */
  get any(): boolean {
    return this.table.byPrefixKey.size > 0;
  }

  /** Starts an article. */
  reset(generation: number): void {
    this.generation = generation;
    this.hitCount = 0;
    this.metCount = 0;
  }

  /** Notes the prefixes the cursor's word (not in the rule set's table) starts with; `code` is its position. */
  noteWord(cursor: WordCursor, code: number): void {
    const byKey = this.table.byPrefixKey;
    if (cursor.ascii) {
      const { text, start, stemEnd } = cursor;
      if (stemEnd - start < PREFIX_KEY_LENGTH) return;
      const c0 = text.charCodeAt(start) | 0x20;
      const c1 = text.charCodeAt(start + 1) | 0x20;
      const c2 = text.charCodeAt(start + 2) | 0x20;
      const key3 = prefixKeyOf(c0, c1, c2);
      if (this.mayHave(key3)) this.match(byKey.get(key3), cursor, null, code);
      if (stemEnd - start === PREFIX_KEY_LENGTH) return;
      const key4 = prefixKeyOf(c0, c1, c2, text.charCodeAt(start + 3) | 0x20);
      if (this.mayHave(key4)) this.match(byKey.get(key4), cursor, null, code);
      return;
    }
    const word = cursor.folded();
    if (word.length < PREFIX_KEY_LENGTH) return;
    const c = (i: number): number => word.charCodeAt(i);
    this.match(byKey.get(prefixKeyOf(c(0), c(1), c(2))), cursor, word, code);
    if (word.length > PREFIX_KEY_LENGTH) this.match(byKey.get(prefixKeyOf(c(0), c(1), c(2), c(3))), cursor, word, code);
  }

  /** Records that the word at `code` starts with prefix entry `id`'s prefix. */
  note(id: number, code: number): void {
    const generation = this.generation;
    const m = this.matchers[id] as number;
    if (m >= 0) {
      const state = this.matcherState;
      const bit = 1 << fieldOf(code);
      if (state[m * 2] !== generation) {
        state[m * 2] = generation;
        state[m * 2 + 1] = bit;
      } else state[m * 2 + 1] = (state[m * 2 + 1] as number) | bit;
      if (this.hitCount * 2 === this.hits.length) {
        const grown = new Int32Array(this.hits.length * 2);
        grown.set(this.hits);
        this.hits = grown;
      }
      this.hits[this.hitCount * 2] = m;
      this.hits[this.hitCount * 2 + 1] = code;
      this.hitCount++;
    }
    if (this.seen[id] !== generation) {
      this.seen[id] = generation;
      this.met[this.metCount++] = id;
    }
  }

  /** Appends to `pool` the positions (codes, in order) in `fields` of the words a prefix matcher matched. */
  addCodes(matcher: number, fields: number, pool: HitPool): void {
    for (let i = 0; i < this.hitCount; i++) {
      const code = this.hits[i * 2 + 1] as number;
      if (this.hits[i * 2] === matcher && (fields & (1 << fieldOf(code))) !== 0) pool.add(code, 0);
    }
  }

  private mayHave(key: number): boolean {
    const bit = filterBit(key);
    return ((this.filter[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
  }

  /** `word`: the folded word, or null for an ASCII word compared in place. */
  private match(candidates: readonly PrefixEntry[] | undefined, cursor: WordCursor, word: string | null, code: number): void {
    if (candidates === undefined) return;
    for (const e of candidates) {
      if (word === null ? !asciiStartsWith(cursor.text, cursor.start, cursor.stemEnd, e.prefix) : !word.startsWith(e.prefix)) continue;
      this.note(e.id, code);
    }
  }
}

/** The prefix entries a folded word (of the rule set's table) starts with, keyed as noteWord looks them up. */
export function prefixesOf(table: TermTable, word: string): PrefixEntry[] {
  if (word.length < PREFIX_KEY_LENGTH) return [];
  const c = (i: number): number => word.charCodeAt(i);
  const keys = [prefixKeyOf(c(0), c(1), c(2))];
  if (word.length > PREFIX_KEY_LENGTH) keys.push(prefixKeyOf(c(0), c(1), c(2), c(3)));
  return keys.flatMap((key) => (table.byPrefixKey.get(key) ?? []).filter((e) => word.startsWith(e.prefix)));
}

/** Whether text[start, end) lower-cased starts with `prefix`, without building the word (ASCII letters and digits only). */
function asciiStartsWith(text: string, start: number, end: number, prefix: string): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if ((text.charCodeAt(start + i) | 0x20) !== prefix.charCodeAt(i)) return false;
  return true;
}
