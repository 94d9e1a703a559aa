// Articles for bench/rules-bench.ts: the JSONL news corpus given with --corpus (title/body per
// line), or a generated corpus when none is given, so the benchmark runs on any clone.
import type { Article } from '../../src/domain/match.ts';
import { readNewsRecords } from '../news-corpus.ts';

export async function readCorpus(dir: string): Promise<Article[]> {
  return (await readNewsRecords(dir)).map((r) => ({ title: r.title, body: r.body, source: r.file, url: '' }));
}

/** Deterministic pseudo-random numbers (mulberry32), so two runs bench the same rules. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'ro', 'mi', 'ten', 'sul', 'bar', 'do', 'ne', 'vik', 'ast', 'or', 'lem', 'pa', 'qui', 'zen', 'tor'];
const COMMON = ['the', 'of', 'and', 'to', 'in', 'a', 'said', 'on', 'for', 'was', 'is', 'with', 'by', 'at', 'that'];

/** Articles of news-like length over a Zipf-distributed made-up vocabulary. */
export function generateCorpus(count: number, random: () => number): Article[] {
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => {
    let word = '';
    for (let n = i + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length];
    return word;
  });
  const pick = (): string => {
    if (random() < 0.35) return COMMON[Math.floor(random() * COMMON.length)] as string;
    return vocabulary[Math.floor(vocabulary.length ** random()) - 1] as string; // Zipf-like
  };
  const sentence = (words: number): string => {
    const out = Array.from({ length: words }, pick).join(' ');
    return `${out[0]?.toUpperCase() ?? ''}${out.slice(1)}.`;
  };
  return Array.from({ length: count }, () => ({
    title: sentence(6 + Math.floor(random() * 6)),
    body: Array.from({ length: 15 + Math.floor(random() * 25) }, () => sentence(8 + Math.floor(random() * 18))).join(' '),
    source: 'generated',
    url: '',
  }));
}
