// Picks the summary's sentences: best score first, each scored again for novelty against those
// already chosen (maximal marginal relevance), while they fit the character budget; past a floor
// of characters, only while they score well against the best one. Indices in article order.
import type { ScoredSentence } from './score-sentences.ts';

export interface SelectionOptions {
  /** Characters available, counting one space between sentences. */
  readonly budget: number;
  /** Indices that must be chosen first (the sentence where the rule matched). */
  readonly required?: readonly number[];
  /** Weight of the share of a sentence's topic words already covered. */
  readonly redundancy?: number;
  /** Past `minChars`, a sentence scoring below this share of the best score is not worth its characters. */
  readonly minShareOfBest?: number;
  /** Below this many characters, the next best sentence is added whatever its score. */
  readonly minChars?: number;
}

// Chosen with the sentence weights (score-sentences.ts) on the development reference sets.
export const DEFAULT_REDUNDANCY = 0.4;
export const DEFAULT_MIN_SHARE_OF_BEST = 0.5;
export const DEFAULT_MIN_CHARS = 250;

export function selectSentences(scored: readonly ScoredSentence[], lengths: readonly number[], options: SelectionOptions): number[] {
  const redundancy = options.redundancy ?? DEFAULT_REDUNDANCY;
  const minShare = options.minShareOfBest ?? DEFAULT_MIN_SHARE_OF_BEST;
  const minChars = options.minChars ?? DEFAULT_MIN_CHARS;
  const chosen: number[] = [];
  const covered = new Set<string>();
  let used = 0;
  const fits = (i: number): boolean => used + (lengths[i] ?? 0) + (chosen.length > 0 ? 1 : 0) <= options.budget;
  const take = (i: number): void => {
    used += (lengths[i] ?? 0) + (chosen.length > 0 ? 1 : 0);
    chosen.push(i);
    for (const w of scored[i]?.topics ?? []) covered.add(w);
  };
  for (const i of options.required ?? []) {
    if (i >= 0 && i < scored.length && !chosen.includes(i) && (chosen.length === 0 || fits(i))) take(i);
  }

  const left = new Set([...scored.keys()].filter((i) => !chosen.includes(i)));
  let best: number | undefined;
  while (left.size > 0) {
    const [pick, value] = bestNovel(scored, left, covered, redundancy);
    left.delete(pick);
    best ??= value;
    if (used >= minChars && value < best * minShare) break;
    // The first sentence is always taken: summarize() cuts it at a word when it is too long alone.
    if (chosen.length === 0 || fits(pick)) take(pick);
  }
  return chosen.sort((a, b) => a - b);
}

/** The sentence of `left` with the best score less its overlap with what is covered. */
function bestNovel(scored: readonly ScoredSentence[], left: ReadonlySet<number>, covered: ReadonlySet<string>, redundancy: number): [number, number] {
  let pick = -1;
  let pickValue = Number.NEGATIVE_INFINITY;
  for (const i of left) {
    const s = scored[i];
    if (s === undefined) continue;
    let seen = 0;
    for (const w of s.topics) if (covered.has(w)) seen++;
    const value = s.score - redundancy * (s.topics.size === 0 ? 1 : seen / s.topics.size);
    if (value > pickValue) {
      pickValue = value;
      pick = i;
    }
  }
  return [pick, pickValue];
}
