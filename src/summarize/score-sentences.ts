// Scores each sentence of an article for the summary: how early it comes, how central it is (its
// topic words and word pairs recur in other sentences), how much it shares with the title, whether
// it states a figure; questions, quotes, fragments and sentences leaning on the previous one lose.
import { splitFoldedWords } from '../text/words.ts';
import { isContentWord } from '../text/function-words.ts';

export interface SentenceScoreWeights {
  /** Weight of 1 / (1 + index): the lead carries the news. */
  readonly position: number;
  /** Weight of centrality: how often the sentence's topic words recur in the other sentences. */
  readonly centrality: number;
  /** Weight of the same for word pairs ("Flight 9525", "rocket attack"). */
  readonly pairs: number;
  /** Weight of the share of the title's topic words the sentence contains. */
  readonly title: number;
  /** Bonus for a sentence stating a figure or casualties. */
  readonly facts: number;
  /** Penalty for a question, a fragment or a sentence opening with a pronoun or conjunction. */
  readonly weak: number;
  /** Penalty for a sentence with a quotation in it. */
  readonly quote: number;
}

/**
 * Chosen on development reference sets of both kinds (extractive BBC sentences and abstractive
 * CNN/Daily Mail highlights) so that neither is favoured; see bench/RESULTS.md, "Quality (ROUGE)".
 */
export const SENTENCE_SCORE_WEIGHTS: SentenceScoreWeights = { position: 0.9, centrality: 0.75, pairs: 2, title: 1, facts: 0.1, weak: 0.15, quote: 0.04 };

export interface ScoredSentence {
  readonly score: number;
  /** Distinct topic words, for novelty against sentences already chosen. */
  readonly topics: ReadonlySet<string>;
}

const SHORT = 40;
const LEANS_ON_PREVIOUS = /^(?:he|she|it|they|this|that|these|those|but|and|so|yet|or|his|her|their|its)\b/i;
const STATES_FACT = /\d|\b(?:killed|dead|died|injured|wounded|hurt)\b/i;
const QUOTES = /["“”]/;

export function scoreSentences(sentences: readonly string[], title: string, weights = SENTENCE_SCORE_WEIGHTS): ScoredSentence[] {
  const words = sentences.map((s) => splitFoldedWords(s));
  const topics = words.map((ws) => new Set(ws.filter(isContentWord)));
  const pairs = words.map(topicPairs);
  const topicSpread = countSpread(topics);
  const pairSpread = countSpread(pairs);
  const titleTopics = new Set(splitFoldedWords(title).filter(isContentWord));
  const others = Math.max(1, sentences.length - 1);

  return sentences.map((text, i) => {
    const own = topics[i] ?? new Set<string>();
    let inTitle = 0;
    for (const w of own) if (titleTopics.has(w)) inTitle++;
    const weak = text.length < SHORT || /\?["'”’)]*$/.test(text) || LEANS_ON_PREVIOUS.test(text);
    const score =
      weights.position / (1 + i) +
      weights.centrality * recurrence(own, topicSpread, others) +
      weights.pairs * recurrence(pairs[i] ?? new Set(), pairSpread, others) +
      weights.title * (titleTopics.size === 0 ? 0 : inTitle / titleTopics.size) +
      (STATES_FACT.test(text) ? weights.facts : 0) -
      (weak ? weights.weak : 0) -
      (QUOTES.test(text) ? weights.quote : 0);
    return { score, topics: own };
  });
}

/** Adjacent word pairs with at least one topic word: "rocket attack", "of Kirkuk", not "of the". */
function topicPairs(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let k = 1; k < words.length; k++) {
    const a = words[k - 1] ?? '';
    const b = words[k] ?? '';
    if (isContentWord(a) || isContentWord(b)) out.add(`${a} ${b}`);
  }
  return out;
}

/** In how many sentences each key occurs. */
function countSpread(sets: readonly ReadonlySet<string>[]): Map<string, number> {
  const spread = new Map<string, number>();
  for (const set of sets) for (const k of set) spread.set(k, (spread.get(k) ?? 0) + 1);
  return spread;
}

/** Mean recurrence of a sentence's keys in the other sentences, damped for long sentences. */
function recurrence(keys: ReadonlySet<string>, spread: ReadonlyMap<string, number>, others: number): number {
  if (keys.size === 0) return 0;
  let sum = 0;
  for (const k of keys) sum += (spread.get(k) ?? 1) - 1;
  return sum / Math.sqrt(keys.size) / others;
}
