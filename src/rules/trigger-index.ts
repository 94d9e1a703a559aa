// The rule index: each rule filed under the words (or prefixes) one of which an article must have
// for the rule to possibly fire (rule-trigger.ts), as flat lists by TermTable entry id, so an
// article's words wake their rules with a few array reads.
import { packLists } from './id-lists.ts';
import type { IdLists } from './id-lists.ts';
import type { Plan } from './query-plan.ts';
import { findTrigger } from './rule-trigger.ts';
import type { WordCosts } from './rule-trigger.ts';
import type { TermTable } from './term-table.ts';

/** Each rule is filed as `filed[rule]` (its program's offset). */
export interface Triggers {
  /** Rules by word entry id. */
  readonly words: IdLists;
  /** Rules by prefix entry id. */
  readonly prefixes: IdLists;
  /** Rules that may fire whatever words an article has (e.g. `-x OR y`): always evaluated. */
  readonly always: Int32Array;
}

export function indexTriggers(plans: readonly Plan[], table: TermTable, costs: WordCosts, filed: Int32Array): Triggers {
  const byWord: number[][] = table.words.map(() => []);
  const byPrefix: number[][] = Array.from({ length: table.prefixes }, () => []);
  const always: number[] = [];
  const file = (lists: number[][], id: number, rule: number): void => {
    const list = lists[id] as number[];
    const value = filed[rule] as number;
    if (list[list.length - 1] !== value) list.push(value);
  };
  plans.forEach((plan, rule) => {
    const trigger = findTrigger(plan, costs);
    if (trigger === null) {
      always.push(filed[rule] as number);
      return;
    }
    // compileQuery gave every possible index word and prefix an entry before the table was indexed.
    for (const word of trigger.words) file(byWord, table.wordEntry(word).id, rule);
    for (const prefix of trigger.prefixes) file(byPrefix, table.prefixEntry(prefix).id, rule);
  });
  return { words: packLists(byWord), prefixes: packLists(byPrefix), always: Int32Array.from(always) };
}
