// The labelled pairs of captured items (same event or not) and how a clustering scores on them:
// a pair counts as merged when both items end in one story. The texts stay in the captures.

import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const ItemRef = z.object({
  /** Feed file name in the captures folder. */
  feed: z.string().min(1),
  /** The item's key as normalised (guid, else canonical link). */
  key: z.string().min(1),
});

const Pair = z.object({
  a: ItemRef,
  b: ItemRef,
  /** True: the same event; false: related (topic, template, place) but a different event. */
  same: z.boolean(),
  event: z.string(),
  /** Tuning pairs may guide changes to the matcher; held-out pairs only measure them. */
  split: z.enum(['tuning', 'held-out']),
  note: z.string(),
});

const PairsFile = z.object({ captured: z.string(), source: z.string(), pairs: z.array(Pair).min(1) });

export type ItemRef = z.infer<typeof ItemRef>;
export type LabelledPair = z.infer<typeof Pair>;
export type Split = LabelledPair['split'];

export const PAIRS_FILE = new URL('./labelled-pairs.json', import.meta.url);

export async function readLabelledPairs(url: URL = PAIRS_FILE): Promise<LabelledPair[]> {
  const parsed = PairsFile.safeParse(JSON.parse(await readFile(url, 'utf8')));
  if (!parsed.success) throw new Error(`bench/stories: ${url.pathname} is malformed: ${parsed.error.message}`);
  return parsed.data.pairs;
}

export function refId(ref: ItemRef): string {
  return `${ref.feed}\u0000${ref.key}`;
}

export interface PairScore {
  readonly pairs: number;
  readonly positives: number;
  /** Same-event pairs put in one story. */
  readonly merged: number;
  /** Different-event pairs put in one story (wrong merges). */
  readonly wrong: number;
  /** merged / (merged + wrong); 1 when nothing was merged. */
  readonly precision: number;
  /** merged / positives. */
  readonly recall: number;
}

/** Scores pairs against a clustering given as item id → story id (a missing item is alone). */
export function scorePairs(pairs: readonly LabelledPair[], storyOf: ReadonlyMap<string, string>): PairScore {
  let positives = 0;
  let merged = 0;
  let wrong = 0;
  for (const pair of pairs) {
    const a = storyOf.get(refId(pair.a));
    const together = a !== undefined && a === storyOf.get(refId(pair.b));
    if (pair.same) positives++;
    if (together && pair.same) merged++;
    if (together && !pair.same) wrong++;
  }
  return {
    pairs: pairs.length,
    positives,
    merged,
    wrong,
    precision: merged + wrong === 0 ? 1 : merged / (merged + wrong),
    recall: positives === 0 ? 1 : merged / positives,
  };
}
