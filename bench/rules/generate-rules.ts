// Rules for bench/rules-bench.ts, made from the corpus vocabulary: phrases, ANDs, NEARs, NOTs,
// wildcards and field scopes over mid-frequency words, so that rules fire now and then.
import type { Article, RuleDefinition } from '../../src/domain/match.ts';
import { splitFoldedWords } from '../../src/text/words.ts';

export interface Vocabulary {
  /** Words in 0.05%–3% of the articles. */
  readonly words: readonly string[];
  /** Two consecutive words seen in the corpus, one of them in `words`. */
  readonly bigrams: readonly (readonly [string, string])[];
}

const WORD = /^[a-z]{4,}$/;

export function collectVocabulary(articles: readonly Article[], random: () => number): Vocabulary {
  const documentFrequency = new Map<string, number>();
  const bigrams: [string, string][] = [];
  for (const a of articles) {
    const words = splitFoldedWords(`${a.title} ${a.body}`);
    for (const w of new Set(words)) documentFrequency.set(w, (documentFrequency.get(w) ?? 0) + 1);
    if (bigrams.length < 50_000 && words.length > 2) {
      const at = Math.floor(random() * (words.length - 1));
      const pair = [words[at] ?? '', words[at + 1] ?? ''] as [string, string];
      if (WORD.test(pair[0]) && WORD.test(pair[1])) bigrams.push(pair);
    }
  }
  const low = Math.max(2, articles.length * 0.0005);
  const high = articles.length * 0.03;
  const words = [...documentFrequency].filter(([w, n]) => n >= low && n <= high && WORD.test(w)).map(([w]) => w);
  // Phrases people watch for name something specific: at least one word of mid frequency ("quarterly dividend", not "have been").
  const specific = new Set(words);
  return { words, bigrams: bigrams.filter(([a, b]) => specific.has(a) || specific.has(b)) };
}

export function generateRules(count: number, vocabulary: Vocabulary, random: () => number): RuleDefinition[] {
  const word = (): string => vocabulary.words[Math.floor(random() * vocabulary.words.length)] as string;
  const phrase = (): string => {
    const pair = vocabulary.bigrams[Math.floor(random() * vocabulary.bigrams.length)];
    return pair === undefined ? word() : `"${pair[0]} ${pair[1]}"`;
  };
  const prefix = (): string => {
    const w = word();
    return `${w.slice(0, Math.min(w.length - 1, 5))}*`;
  };
  const templates: (() => string)[] = [
    () => `${phrase()} AND ${word()}`,
    () => `${word()} AND ${word()}`,
    () => `(${word()} OR ${word()}) NEAR/5 ${word()}`,
    () => `${word()} ${word()} -${word()}`,
    () => `${prefix()} AND ${word()}`,
    () => `title:(${word()} OR ${word()}) ${word()}`,
    () => `${phrase()} -${word()}`,
    () => `${word()} ONEAR/3 ${phrase()}`,
  ];
  return Array.from({ length: count }, (_, i) => ({
    id: `rule-${i}`,
    query: (templates[i % templates.length] as () => string)(),
  }));
}
