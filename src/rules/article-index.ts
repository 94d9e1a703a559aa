// An article split into folded words once, with each word that some rule mentions looked up in the
// rule set's TermTable and its positions kept by entry number: all the per-article work before rules
// are evaluated (spec/rules.md, "Text model"). No NLP here, and nothing per rule.
import type { Article, Field } from '../domain/match.ts';
import { splitFoldedWords, splitWords } from '../text/words.ts';
import type { Word } from '../text/words.ts';
import { FIELDS } from './query-plan.ts';
import { PREFIX_KEY_LENGTH, prefixKey } from './term-table.ts';
import type { PrefixEntry, TermTable, WordEntry } from './term-table.ts';

/** A word position: field index in the top bits, so codes sort by field, then position. */
export const FIELD_SHIFT = 24;
const POSITION_MASK = (1 << FIELD_SHIFT) - 1;
export const fieldOf = (code: number): number => code >>> FIELD_SHIFT;
export const positionOf = (code: number): number => code & POSITION_MASK;

/** Per-rule-set arrays, reused from article to article; a generation number marks what is current. */
export class IndexScratch {
  generation = 0;
  readonly entrySeen: Int32Array;
  readonly entryMask: Uint8Array;
  readonly entryCodes: number[][];
  readonly matcherSeen: Int32Array;
  readonly matcherMask: Uint8Array;
  /** Positions of words matching each prefix matcher (indexed by matcher id). */
  readonly prefixCodes: number[][];
  readonly prefixSeen: Int32Array;

  constructor(readonly table: TermTable) {
    this.entrySeen = new Int32Array(table.byWord.size);
    this.entryMask = new Uint8Array(table.byWord.size);
    this.entryCodes = Array.from({ length: table.byWord.size }, () => []);
    this.matcherSeen = new Int32Array(table.matchers.length);
    this.matcherMask = new Uint8Array(table.matchers.length);
    this.prefixCodes = Array.from({ length: table.matchers.length }, () => []);
    this.prefixSeen = new Int32Array(table.prefixes);
  }
}

export class ArticleIndex {
  /** Folded words of each field, in FIELDS order. */
  readonly folded: readonly (readonly string[])[];
  readonly generation: number;
  private readonly words: (readonly Word[] | undefined)[] = [];

  /** `wake` receives the rules indexed under the article's words (possibly several times). */
  constructor(
    readonly texts: Article,
    readonly scratch: IndexScratch,
    wake?: (rules: readonly number[]) => void,
  ) {
    const generation = ++scratch.generation;
    this.generation = generation;
    const { table, entrySeen, entryMask, entryCodes } = scratch;
    const seen: WordEntry[] = [];
    const prefixes = table.byPrefixKey.size > 0 ? table.byPrefixKey : null;
    this.folded = FIELDS.map((field, f) => {
      const words = splitFoldedWords(texts[field]);
      const limit = Math.min(words.length, POSITION_MASK);
      for (let i = 0; i < limit; i++) {
        const word = words[i] as string;
        const code = (f << FIELD_SHIFT) | i;
        const entry = table.byWord.get(word);
        if (entry !== undefined) {
          const id = entry.id;
          if (entrySeen[id] !== generation) {
            entrySeen[id] = generation;
            entryMask[id] = 1 << f;
            entryCodes[id] = [code];
            seen.push(entry);
          } else {
            entryMask[id] = (entryMask[id] as number) | (1 << f);
            (entryCodes[id] as number[]).push(code);
          }
        }
        if (prefixes !== null && word.length >= PREFIX_KEY_LENGTH) {
          const candidates = prefixes.get(prefixKey(word));
          if (candidates !== undefined) this.notePrefixes(candidates, word, code, f, wake);
        }
      }
      return words;
    });
    const { matcherSeen, matcherMask } = scratch;
    for (const entry of seen) {
      const mask = entryMask[entry.id] as number;
      for (const m of entry.matchers) {
        if (matcherSeen[m] !== generation) {
          matcherSeen[m] = generation;
          matcherMask[m] = mask;
        } else matcherMask[m] = (matcherMask[m] as number) | mask;
      }
      if (wake !== undefined && entry.rules.length > 0) wake(entry.rules);
    }
  }

  private notePrefixes(candidates: readonly PrefixEntry[], word: string, code: number, f: number, wake?: (rules: readonly number[]) => void): void {
    const { matcherSeen, matcherMask, prefixCodes, prefixSeen } = this.scratch;
    const generation = this.generation;
    for (const e of candidates) {
      if (!word.startsWith(e.prefix)) continue;
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
        if (wake !== undefined && e.rules.length > 0) wake(e.rules);
      }
    }
  }

  /** Whether a word matcher matched in one of `fields` (bit mask). */
  present(matcher: number, fields: number): boolean {
    return this.scratch.matcherSeen[matcher] === this.generation && ((this.scratch.matcherMask[matcher] as number) & fields) !== 0;
  }

  /** Positions of a table word entry in this article (empty if absent). */
  codesOfEntry(entry: number): readonly number[] {
    return this.scratch.entrySeen[entry] === this.generation ? (this.scratch.entryCodes[entry] as number[]) : [];
  }

  /** Positions of the words matching a prefix matcher. */
  codesOfPrefix(matcher: number): readonly number[] {
    return this.scratch.matcherSeen[matcher] === this.generation ? (this.scratch.prefixCodes[matcher] as number[]) : [];
  }

  /** The folded word at a position, or undefined past the end of the field. */
  wordAt(field: number, position: number): string | undefined {
    return this.folded[field]?.[position];
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
