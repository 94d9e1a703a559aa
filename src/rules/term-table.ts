// The dictionary a compiled rule set shares between its rules: every distinct word matcher gets a
// number, and each folded word maps to the matchers it satisfies. An article's words are looked up
// here (through word-hash.ts); rules then test matchers by number.
import type { WordMatcher } from './query-plan.ts';

export interface WordEntry {
  /** Numbers the entries of one table (for per-article arrays). */
  readonly id: number;
  /** Ids of the `forms` matchers containing this word. */
  readonly matchers: number[];
}

export interface PrefixEntry {
  readonly id: number;
  readonly prefix: string;
  /** The id of the `prefix` matcher for it, or -1 when only rules are indexed under it. */
  matcher: number;
}

/** The shortest prefix (docs/rules.md: at least 3 letters before "*"). */
export const PREFIX_KEY_LENGTH = 3;

/**
 * The first three (or four) UTF-16 units of a word as one small integer (cheap to hash, no
 * substring per article word): distinct for ASCII, possibly shared otherwise (entries are checked).
 */
export function prefixKeyOf(c0: number, c1: number, c2: number, c3 = -1): number {
  const ascii = (c0 | c1 | c2) < 0x80 && c3 < 0x80;
  if (c3 < 0) return ascii ? (c0 << 14) | (c1 << 7) | c2 : 0x20000000 + ((Math.imul(c0, 961) + Math.imul(c1, 31) + c2) & 0x0fffffff);
  return ascii ? (c0 << 21) | (c1 << 14) | (c2 << 7) | c3 : 0x30000000 + ((Math.imul(c0, 29791) + Math.imul(c1, 961) + Math.imul(c2, 31) + c3) & 0x0fffffff);
}

/** Prefixes of 3 characters are keyed by 3, longer ones by their first 4 (fewer entries to check). */
function prefixKey(prefix: string): number {
  const c = (i: number): number => prefix.charCodeAt(i);
  return prefix.length === PREFIX_KEY_LENGTH ? prefixKeyOf(c(0), c(1), c(2)) : prefixKeyOf(c(0), c(1), c(2), c(3));
}

export class TermTable {
  readonly matchers: WordMatcher[] = [];
  readonly byWord = new Map<string, WordEntry>();
  /** Entry words by id. */
  readonly words: string[] = [];
  readonly byPrefixKey = new Map<number, PrefixEntry[]>();
  /** What each term's slot looks for: [fields, matcher ids…] (undefined for places). */
  readonly slotTerms: (readonly number[] | undefined)[] = [];
  private prefixCount = 0;
  private readonly matcherIds = new Map<string, number>();
  private readonly slotIds = new Map<string, number>();

  /** Entries by id. */
  entries(): WordEntry[] {
    return this.words.map((w) => this.byWord.get(w) as WordEntry);
  }

  get prefixes(): number {
    return this.prefixCount;
  }

  /** Number of distinct (term, label) result slots handed out. */
  get slots(): number {
    return this.slotIds.size;
  }

  formsMatcher(forms: readonly string[]): WordMatcher {
    const key = [...forms].sort().join(',');
    const known = this.matcherIds.get(key);
    if (known !== undefined) return this.matchers[known] as WordMatcher;
    const unique = new Set(forms);
    const entries = [...unique].map((form) => this.wordEntry(form));
    const matcher: WordMatcher = { kind: 'forms', id: this.matchers.length, forms: unique, entries: entries.map((e) => e.id) };
    this.register(key, matcher);
    for (const entry of entries) entry.matchers.push(matcher.id);
    return matcher;
  }

  prefixMatcher(prefix: string): WordMatcher {
    const key = `${prefix}*`;
    const known = this.matcherIds.get(key);
    if (known !== undefined) return this.matchers[known] as WordMatcher;
    const matcher: WordMatcher = { kind: 'prefix', id: this.matchers.length, prefix };
    this.register(key, matcher);
    this.prefixEntry(prefix).matcher = matcher.id;
    return matcher;
  }

  /**
   * One result slot per distinct key: terms with equal keys share their hits within an article.
   * A term's slot records its fields and word matchers (equal keys have equal ones).
   */
  slot(key: string, term?: { readonly fields: number; readonly matchers: readonly WordMatcher[] }): number {
    let slot = this.slotIds.get(key);
    if (slot === undefined) {
      slot = this.slotIds.size;
      this.slotIds.set(key, slot);
      if (term !== undefined) this.slotTerms[slot] = [term.fields, ...term.matchers.map((m) => m.id)];
    }
    return slot;
  }

  private register(key: string, matcher: WordMatcher): void {
    this.matcherIds.set(key, matcher.id);
    this.matchers.push(matcher);
  }

  /** Makes sure a word has an entry (a possible index word, e.g. a place name's first word). */
  wordEntry(word: string): WordEntry {
    let entry = this.byWord.get(word);
    if (entry === undefined) {
      entry = { id: this.words.length, matchers: [] };
      this.byWord.set(word, entry);
      this.words.push(word);
    }
    return entry;
  }

  /** Makes sure a prefix has an entry (a possible index prefix). */
  prefixEntry(prefix: string): PrefixEntry {
    const key = prefixKey(prefix);
    let entries = this.byPrefixKey.get(key);
    if (entries === undefined) this.byPrefixKey.set(key, (entries = []));
    let entry = entries.find((e) => e.prefix === prefix);
    if (entry === undefined) entries.push((entry = { id: this.prefixCount++, prefix, matcher: -1 }));
    return entry;
  }
}
