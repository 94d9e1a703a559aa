// ROUGE-1, ROUGE-2 and ROUGE-L F1 (Lin 2004) of a candidate summary against one reference, on
// folded words (src/text/words.ts). Used by bench/eval-summaries.ts.
import { splitWords } from '../text/words.ts';

export interface RougeScores {
  readonly rouge1: number;
  readonly rouge2: number;
  readonly rougeL: number;
}

export function scoreRouge(candidate: string, reference: string): RougeScores {
  const c = splitWords(candidate).map((w) => w.text);
  const r = splitWords(reference).map((w) => w.text);
  return { rouge1: ngramF1(c, r, 1), rouge2: ngramF1(c, r, 2), rougeL: lcsF1(c, r) };
}

function f1(overlap: number, candidateCount: number, referenceCount: number): number {
  if (overlap === 0 || candidateCount === 0 || referenceCount === 0) return 0;
  const precision = overlap / candidateCount;
  const recall = overlap / referenceCount;
  return (2 * precision * recall) / (precision + recall);
}

function ngramCounts(words: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= words.length; i++) {
    const gram = words.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** Clipped n-gram overlap: each reference n-gram is matched at most as often as it occurs. */
function ngramF1(candidate: readonly string[], reference: readonly string[], n: number): number {
  const c = ngramCounts(candidate, n);
  const r = ngramCounts(reference, n);
  let overlap = 0;
  for (const [gram, count] of c) overlap += Math.min(count, r.get(gram) ?? 0);
  return f1(overlap, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Longest common subsequence, in O(n·m) time and O(m) memory. */
function lcsF1(candidate: readonly string[], reference: readonly string[]): number {
  let prev = new Array<number>(reference.length + 1).fill(0);
  for (const word of candidate) {
    const row = new Array<number>(reference.length + 1).fill(0);
    for (let j = 1; j <= reference.length; j++) {
      row[j] = reference[j - 1] === word ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, row[j - 1] ?? 0);
    }
    prev = row;
  }
  return f1(prev[reference.length] ?? 0, candidate.length, reference.length);
}
