// Which words an article must contain for a rule to possibly fire: the index key of a compiled rule.
// An AND is indexed under its rarest required part, so common words rarely wake a rule up. Rarity is
// guessed at first, then measured on the articles a rule set sees (compile-rules.ts re-indexes).
import type { Plan, WordMatcher } from './query-plan.ts';

export interface Trigger {
  /** The rule may fire only if the article has one of these words… */
  readonly words: readonly string[];
  /** …or a word starting with one of these prefixes. */
  readonly prefixes: readonly string[];
  /** Estimated chance that an article wakes the rule up (lower is better). */
  readonly cost: number;
}

/** How likely an article is to contain a word, or a word starting with a prefix. */
export interface WordCosts {
  word(word: string): number;
  prefix(prefix: string): number;
}

/** Without statistics: common English words are likely, long words rare (see COMMON below). */
export const GUESSED_COSTS: WordCosts = { word: wordCost, prefix: prefixCost };

/** null: the rule may fire whatever words the article has (e.g. `-x OR y`), so it is always evaluated. */
export function findTrigger(plan: Plan, costs: WordCosts = GUESSED_COSTS): Trigger | null {
  switch (plan.kind) {
    case 'term':
      return cheapest(plan.matchers.map((m) => matcherTrigger(m, costs)));
    case 'place': {
      const words = plan.place.firstWords;
      return { words, prefixes: [], cost: words.reduce((sum, w) => sum + costs.word(w), 0) };
    }
    case 'and':
      return cheapest(plan.children.map((c) => findTrigger(c, costs)));
    case 'near':
      return cheapest([findTrigger(plan.left, costs), findTrigger(plan.right, costs)]);
    case 'or': {
      const parts = plan.children.map((c) => findTrigger(c, costs));
      if (parts.some((p) => p === null)) return null;
      const present = parts as Trigger[];
      return {
        words: present.flatMap((p) => p.words),
        prefixes: present.flatMap((p) => p.prefixes),
        cost: present.reduce((sum, p) => sum + p.cost, 0),
      };
    }
    case 'not':
      return null;
  }
}

/** Estimated chance that an article has a word of this matcher. */
export function matcherCost(m: WordMatcher, costs: WordCosts = GUESSED_COSTS): number {
  return matcherTrigger(m, costs).cost;
}

/** Each matcher's trigger, per costs (a rule set asks for the same matchers many times). */
const matcherTriggers = new WeakMap<WordCosts, WeakMap<WordMatcher, Trigger>>();

function matcherTrigger(m: WordMatcher, costs: WordCosts): Trigger {
  let known = matcherTriggers.get(costs);
  if (known === undefined) matcherTriggers.set(costs, (known = new WeakMap()));
  let trigger = known.get(m);
  if (trigger === undefined) known.set(m, (trigger = computeMatcherTrigger(m, costs)));
  return trigger;
}

function computeMatcherTrigger(m: WordMatcher, costs: WordCosts): Trigger {
  if (m.kind === 'prefix') return { words: [], prefixes: [m.prefix], cost: costs.prefix(m.prefix) };
  const words = [...m.forms];
  return { words, prefixes: [], cost: words.reduce((sum, w) => sum + costs.word(w), 0) };
}

function cheapest(triggers: readonly (Trigger | null)[]): Trigger | null {
  let best: Trigger | null = null;
  for (const t of triggers) if (t !== null && (best === null || t.cost < best.cost)) best = t;
  return best;
}

function prefixCost(prefix: string): number {
  return prefix.length <= 3 ? 0.5 : prefix.length === 4 ? 0.2 : 0.05;
}

function wordCost(word: string): number {
  if (COMMON.has(word)) return 1;
  if (/^\d+$/.test(word)) return 0.1;
  return word.length <= 3 ? 0.05 : word.length <= 5 ? 0.02 : 0.01;
}

// Words found in most news articles: a rule indexed under one of these is woken up by nearly every article.
const COMMON = new Set(
  `the of and to a in is it that for on was with he as at by be this are from or his an have had not but
  they which were has its been their one we will all there she would who more her if about up out can so than
  said says say also new year years after two first last over into time when other people some could them
  only what like just now most may us government told week people how our you no do made make while
  before three because being world since any where between day both back well many still under this those
  against much even way these off during such down then did own get should very month months state
  president minister police country city report news united news killed attack police officials`.split(/\s+/),
);
