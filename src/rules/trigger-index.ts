// The rule index: each rule filed under the words (or prefixes) one of which an article must have
// for the rule to possibly fire (rule-trigger.ts), as flat lists by TermTable entry id, so an
// article's words wake their rules with a few array reads.
import { packLists } from './id-lists.ts';
import type { IdLists } from './id-lists.ts';
import type { Plan, WordMatcher } from './query-plan.ts';
import type { RequiredWord } from './required-words.ts';
import type { Programs } from './rule-program.ts';
import { findTrigger } from './rule-trigger.ts';
import type { WordCosts } from './rule-trigger.ts';
import type { TermTable } from './term-table.ts';

/**
 * Each filing is FILING ints: the offset of the rule's program, then a word the rule also needs
 * (matcher id and fields, or -1 when there is none), checked before the program is read: the
 * per-matcher state is small enough to stay in cache, the programs are not.
 */
export const FILING = 3;

export interface Triggers {
  /** Filings by word entry id. */
  readonly words: IdLists;
  /** Filings by prefix entry id. */
  readonly prefixes: IdLists;
  /** Filings of the rules that may fire whatever words an article has (e.g. `-x OR y`): always run. */
  readonly always: Int32Array;
}

export function indexTriggers(plans: readonly Plan[], table: TermTable, costs: WordCosts, programs: Programs): Triggers {
  const byWord: number[][] = table.words.map(() => []);
  const byPrefix: number[][] = Array.from({ length: table.prefixes }, () => []);
  const always: number[] = [];
  /** Files `rule` in `list`, with its rarest required word that `implied` (by the filing word) does not already tell. */
  const file = (list: number[], rule: number, implied: (m: WordMatcher) => boolean): void => {
    const offset = programs.offsets[rule] as number;
    if (list[list.length - FILING] === offset) return;
    const check = (programs.required[rule] as readonly RequiredWord[]).find((r) => !implied(r.matcher));
    list.push(offset, check?.matcher.id ?? -1, check?.fields ?? 0);
  };
  plans.forEach((plan, rule) => {
    const trigger = findTrigger(plan, costs);
    if (trigger === null) {
      file(always, rule, () => false);
      return;
    }
    // compileQuery gave every possible index word and prefix an entry before the table was indexed.
    for (const word of trigger.words) {
      file(byWord[table.wordEntry(word).id] as number[], rule, (m) => m.kind === 'forms' && m.forms.has(word));
    }
    for (const prefix of trigger.prefixes) {
      file(byPrefix[table.prefixEntry(prefix).id] as number[], rule, (m) => m.kind === 'prefix' && m.prefix === prefix);
    }
  });
  return { words: packLists(byWord), prefixes: packLists(byPrefix), always: Int32Array.from(always) };
}
