// An article's words looked up in the rule set's TermTable as they are scanned: each word's
// WordHash slot (or -1) and where it is, kept in reusable typed arrays (docs/rules.md, "Text
// model"). This is all the per-article work before rules are evaluated: no NLP, nothing per rule,
// and no allocation. What the article tells about a table word is kept in the word's own hash
// slot, stamped with the article's generation number, so a word met costs one cache line.
import type { Article, Field } from '../domain/match.ts';
import { WordCursor } from '../text/word-cursor.ts';
import { splitWords } from '../text/words.ts';
import type { Word } from '../text/words.ts';
import type { HitPool } from './hit-pool.ts';
import { packLists } from './id-lists.ts';
import type { IdLists } from './id-lists.ts';
import { FIELD_SHIFT, fieldOf, POSITION_MASK, positionOf } from './position-code.ts';
import { FIELDS } from './query-plan.ts';
import type { PlaceMention, PlaceResolver, WordMatcher } from './query-plan.ts';
import { PrefixHits, prefixesOf } from './prefix-hits.ts';
import type { TermTable } from './term-table.ts';
import { DATA, WordHash } from './word-hash.ts';


// What the index keeps per table word, in the word's own WordHash slot (the cache line its lookup
// has just read): the generation of the article it was last seen in, the fields it was seen in
// (bit mask), its last position (code, chained back through FieldWords.previous), in how many
// articles it occurred (to choose rarer index words), and where its lists of matchers and prefix
// entries are (IdLists ranges).
const SEEN = DATA;
const MASK = DATA + 1;
const LAST = DATA + 2;
const ARTICLES = DATA + 3;
const MATCHERS_FROM = DATA + 4;
const MATCHERS_TO = DATA + 5;
const PREFIXES_FROM = DATA + 6;
const PREFIXES_TO = DATA + 7;

/** Positions kept room for between articles (more is given back after a very long article). */
const KEPT_POSITIONS = 1 << 16;

/** One field's words by position: their WordHash slots (-1: no rule has the word), and each one's previous position with the same word. */
class FieldWords {
  count = 0;
  entries = new Int32Array(256);
  /** The previous position (code) of the same table word in the article, or -1. */
  previous = new Int32Array(256);

  /** Makes room for `words` positions (and gives back the room a very long article took). */
  reserve(words: number): void {
    if (words <= this.entries.length && (this.entries.length <= KEPT_POSITIONS || words > KEPT_POSITIONS)) return;
    let size = 256;
    while (size < words) size *= 2;
    this.entries = new Int32Array(size);
    this.previous = new Int32Array(size);
  }
}

/** Per-rule-set arrays, reused from article to article; a generation number marks what is current. */
export class IndexScratch {
  generation = 0;
  readonly hash: WordHash;
  /** The forms matchers of the table's words, each word's range in its slot (MATCHERS_FROM/TO). */
  readonly entryMatchers: Int32Array;
  /** The words of each forms matcher, as WordHash slot offsets (empty for prefix matchers). */
  readonly matcherForms: IdLists;
  /** 1 for a prefix matcher. */
  readonly matcherIsPrefix: Uint8Array;
  /** What each term slot looks for: fields, then its word matchers (TermTable.slotTerms). */
  readonly slotTerms: IdLists;
  /** The prefix entries the table's words start with (found once here rather than per article), ranges in the slots. */
  readonly entryPrefixes: Int32Array;
  /** Per matcher: the generation it was last present in, and the fields (bit mask). */
  readonly matcherState: Int32Array;
  /** The words of the current article that start with the rule set's prefixes. */
  readonly prefixHits: PrefixHits;
  /** The distinct entries met in the current article. */
  readonly metEntries: Int32Array;
  metEntryCount = 0;
  readonly fields = FIELDS.map(() => new FieldWords());

  constructor(readonly table: TermTable) {
    const words = table.words.length;
    this.hash = new WordHash(table.words);
    this.matcherState = new Int32Array(table.matchers.length * 2);
    this.matcherForms = packLists(table.matchers.map((m) => (m.kind === 'forms' ? m.entries.map((e) => this.hash.slotOfEntry(e)) : [])));
    this.matcherIsPrefix = Uint8Array.from(table.matchers, (m) => (m.kind === 'prefix' ? 1 : 0));
    this.slotTerms = packLists(Array.from({ length: table.slots }, (_, slot) => table.slotTerms[slot] ?? []));
    this.prefixHits = new PrefixHits(table, this.matcherState);
    const matchers = packLists(table.entries().map((e) => e.matchers));
    const prefixes = packLists(table.words.map((word) => prefixesOf(table, word).map((e) => e.id)));
    this.entryMatchers = matchers.list;
    this.entryPrefixes = prefixes.list;
    const slots = this.hash.slots;
    for (let id = 0; id < words; id++) {
      const at = this.hash.slotOfEntry(id);
      slots[at + MATCHERS_FROM] = matchers.start[id] as number;
      slots[at + MATCHERS_TO] = matchers.start[id + 1] as number;
      slots[at + PREFIXES_FROM] = prefixes.start[id] as number;
      slots[at + PREFIXES_TO] = prefixes.start[id + 1] as number;
    }
    this.metEntries = new Int32Array(words);
  }

  /** In how many articles so far a table entry's word occurred. */
  articlesWith(entry: number): number {
    return this.hash.slots[this.hash.slotOfEntry(entry) + ARTICLES] as number;
  }
}

export class ArticleIndex {
  readonly generation: number;
  private words: (readonly Word[] | undefined)[] | undefined;

  constructor(
    readonly texts: Article,
    readonly scratch: IndexScratch,
  ) {
    const generation = ++scratch.generation;
    this.generation = generation;
    const { hash, metEntries } = scratch;
    const state = hash.slots;
    const matcherList = scratch.entryMatchers;
    const prefixList = scratch.entryPrefixes;
    const matcherState = scratch.matcherState;
    const prefixHits = scratch.prefixHits;
    prefixHits.reset(generation);
    const prefixes = prefixHits.any;
    let met = 0;
    for (let f = 0; f < FIELDS.length; f++) {
      const field = scratch.fields[f] as FieldWords;
      const bit = 1 << f;
      const text = texts[FIELDS[f] as Field];
      // A word takes at least one character and a separator.
      field.reserve((text.length >> 1) + 1);
      const { entries, previous } = field;
      const cursor = new WordCursor(text);
      let count = 0;
      while (cursor.next() && count < POSITION_MASK) {
        const at = hash.slotOf(cursor);
        const code = (f << FIELD_SHIFT) | count;
        entries[count] = at;
        count++;
        if (at < 0) {
          previous[count - 1] = -1;
          if (prefixes) prefixHits.noteWord(cursor, code);
          continue;
        }
        let newField: boolean;
        if (state[at + SEEN] === generation) {
          previous[count - 1] = state[at + LAST] as number;
          const mask = state[at + MASK] as number;
          newField = (mask & bit) === 0;
          state[at + MASK] = mask | bit;
        } else {
          previous[count - 1] = -1;
          state[at + SEEN] = generation;
          state[at + MASK] = bit;
          state[at + ARTICLES] = (state[at + ARTICLES] as number) + 1;
          metEntries[met++] = hash.idAt(at);
          newField = true;
        }
        state[at + LAST] = code;
        if (newField) {
          for (let k = state[at + MATCHERS_FROM] as number, end = state[at + MATCHERS_TO] as number; k < end; k++) {
            const m = (matcherList[k] as number) * 2;
            if (matcherState[m] !== generation) {
              matcherState[m] = generation;
              matcherState[m + 1] = bit;
            } else matcherState[m + 1] = (matcherState[m + 1] as number) | bit;
          }
        }
        for (let k = state[at + PREFIXES_FROM] as number, end = state[at + PREFIXES_TO] as number; k < end; k++) prefixHits.note(prefixList[k] as number, code);
      }
      field.count = count;
    }
    scratch.metEntryCount = met;
  }

  /** Whether a word matcher matched in one of `fields` (bit mask). */
  present(matcher: number, fields: number): boolean {
    const state = this.scratch.matcherState;
    return state[matcher * 2] === this.generation && ((state[matcher * 2 + 1] as number) & fields) !== 0;
  }

  /**
   * Appends to `pool` the positions (codes) in `fields` of the words a matcher matches; returns
   * false when they may be out of order (several words' positions, each run in order).
   */
  addMatcherCodes(matcher: number, fields: number, pool: HitPool): boolean {
    const scratch = this.scratch;
    if (scratch.matcherIsPrefix[matcher] === 1) {
      scratch.prefixHits.addCodes(matcher, fields, pool);
      return true;
    }
    const { start, list } = scratch.matcherForms;
    const from = start[matcher] as number;
    const to = start[matcher + 1] as number;
    for (let k = from; k < to; k++) this.addWordCodes(list[k] as number, fields, pool);
    return to - from <= 1;
  }

  /** Appends the positions in `fields` of the word in WordHash slot `at`, in order. */
  private addWordCodes(at: number, fields: number, pool: HitPool): void {
    const state = this.scratch.hash.slots;
    if (state[at + SEEN] !== this.generation || ((state[at + MASK] as number) & fields) === 0) return;
    const first = pool.size;
    const words = this.scratch.fields;
    for (let code = state[at + LAST] as number; code >= 0; code = (words[fieldOf(code)] as FieldWords).previous[positionOf(code)] as number) {
      if ((fields & (1 << fieldOf(code))) !== 0) pool.add(code, 0);
    }
    pool.reverseFrom(first); // the chain runs backwards
  }

  /** Whether the word at a position is one a matcher matches. */
  matcherAt(matcher: number, field: number, position: number): boolean {
    const scratch = this.scratch;
    if (scratch.matcherIsPrefix[matcher] === 1) {
      const prefix = (scratch.table.matchers[matcher] as WordMatcher & { kind: 'prefix' }).prefix;
      return this.wordAt(field, position)?.startsWith(prefix) === true;
    }
    const words = scratch.fields[field] as FieldWords;
    const at = position < words.count ? (words.entries[position] as number) : -1;
    if (at < 0) return false;
    const { start, list } = scratch.matcherForms;
    for (let k = start[matcher] as number, to = start[matcher + 1] as number; k < to; k++) if (list[k] === at) return true;
    return false;
  }

  /** The places named in a field. */
  resolveMentions(resolver: PlaceResolver, field: number): readonly PlaceMention[] {
    return resolver.findMentions(this.wordsOf(field), this.texts[FIELDS[field] as Field]);
  }

  /** The folded word at a position, or undefined past the end of the field (the field is split again: rarely needed). */
  wordAt(field: number, position: number): string | undefined {
    return this.wordsOf(field)[position]?.text;
  }

  /** The words of a field with their offsets and case (split again on demand: places, explanations). */
  wordsOf(field: number): readonly Word[] {
    this.words ??= [];
    let words = this.words[field];
    if (words === undefined) {
      words = splitWords(this.texts[FIELDS[field] as Field]);
      this.words[field] = words;
    }
    return words;
  }
}
