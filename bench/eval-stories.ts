// Story clustering quality: precision and recall on labelled pairs of captured items (same event
// or related but different), after feeding every captured item through the clusterer in
// publication order; beside it, in the same process, the clusterer on words alone (no word
// vectors: the previous round's), and the figures of the clusterer this work started from.
// Usage: npm run eval:stories -- DIR [--show] [--split=tuning|held-out]
// DIR holds the captured feeds the pairs refer to (bench/stories/labelled-pairs.json).

import os from 'node:os';
import { loadGazetteer } from '../src/geo/gazetteer.ts';
import { defaultWordVectors } from '../src/stories/word-vectors.ts';
import { createStoryIndex } from '../src/stories/story-index.ts';
import type { StoryAssignment, StoryIndexOptions } from '../src/stories/story-index.ts';
import { readCaptures } from './stories/read-captures.ts';
import type { CapturedInput } from './stories/read-captures.ts';
import { readLabelledPairs, refId, scorePairs } from './stories/labelled-pairs.ts';
import type { PairScore } from './stories/labelled-pairs.ts';

/**
 * The clusterer as it was before matching used spelling variants, entities and rare-word
 * weighting (commit 3ed4073), measured with this script on the same pairs: see bench/RESULTS.md.
 */
const START: Readonly<Record<'tuning' | 'held-out' | 'all', PairScore>> = {
  tuning: { pairs: 108, positives: 48, merged: 25, wrong: 3, precision: 25 / 28, recall: 25 / 48 },
  'held-out': { pairs: 42, positives: 21, merged: 10, wrong: 0, precision: 1, recall: 10 / 21 },
  all: { pairs: 150, positives: 69, merged: 35, wrong: 3, precision: 35 / 38, recall: 35 / 69 },
};

async function main(argv: readonly string[]): Promise<number> {
  const dir = argv.find((a) => !a.startsWith('--'));
  if (dir === undefined) {
    console.error('usage: eval-stories DIR [--show] [--split=tuning|held-out]');
    return 2;
  }
  const show = argv.includes('--show');
  const only = argv.find((a) => a.startsWith('--split='))?.slice(8);
  const pairs = await readLabelledPairs();
  const captured = await readCaptures(dir, loadGazetteer());
  const known = new Set(captured.map((c) => refId({ feed: c.file, key: c.input.key })));
  const missing = pairs.flatMap((p) => [p.a, p.b]).filter((r) => !known.has(refId(r)));
  if (missing.length > 0) {
    console.error(`eval-stories: ${missing.length} labelled items are not in ${dir}, e.g. ${missing[0]?.feed} ${missing[0]?.key}`);
    return 1;
  }

  const words = cluster(captured, { wordVectors: null });
  const rssBefore = process.memoryUsage().rss;
  const loadStart = process.hrtime.bigint();
  const vectors = defaultWordVectors();
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
  const rssMb = (process.memoryUsage().rss - rssBefore) / 1048576;
  const meaning = cluster(captured, { wordVectors: vectors });
  // Again, now that both paths are warm: CPU per item, words alone against with meaning.
  const wordsCpu = cluster(captured, { wordVectors: null }).cpuMs;
  const meaningCpu = cluster(captured, { wordVectors: vectors }).cpuMs;
  const { assigned } = meaning;
  const stories = new Set(assigned.map((a) => a.assignment.storyId)).size;

  console.log(`${captured.length} items from ${dir} → ${stories} stories; ${pairs.length} labelled pairs`);
  console.log(
    `word vectors: read in ${loadMs.toFixed(0)} ms, resident memory +${rssMb.toFixed(1)} MB; CPU per item ${(meaningCpu / captured.length).toFixed(3)} ms` +
      ` (words alone ${(wordsCpu / captured.length).toFixed(3)} ms); load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs`,
  );
  console.log('split      pairs  same  | now: merged  wrong  precision  recall | words alone: precision  recall | start: precision  recall');
  for (const split of ['tuning', 'held-out', 'all'] as const) {
    const chosen = split === 'all' ? pairs : pairs.filter((p) => p.split === split);
    const now = scorePairs(chosen, meaning.storyOf);
    const previous = scorePairs(chosen, words.storyOf);
    const before = START[split];
    console.log(
      `${split.padEnd(9)} ${pad(now.pairs, 6)} ${pad(now.positives, 5)}  |      ${pad(now.merged, 6)} ${pad(now.wrong, 6)}` +
        `  ${now.precision.toFixed(3).padStart(9)}  ${now.recall.toFixed(3).padStart(6)} |` +
        `              ${previous.precision.toFixed(3).padStart(9)}  ${previous.recall.toFixed(3).padStart(6)} |` +
        `        ${before.precision.toFixed(3).padStart(9)}  ${before.recall.toFixed(3).padStart(6)}`,
    );
  }
  if (show) {
    const byId = new Map(assigned.map((a) => [refId({ feed: a.captured.file, key: a.captured.input.key }), a]));
    for (const pair of pairs) {
      if (only !== undefined && pair.split !== only) continue;
      const a = byId.get(refId(pair.a));
      const b = byId.get(refId(pair.b));
      if (a === undefined || b === undefined) continue;
      const together = a.assignment.storyId === b.assignment.storyId;
      if (together === pair.same) continue;
      console.log(`\n${pair.same ? 'MISSED' : 'WRONG MERGE'} [${pair.split}] ${pair.event}: ${pair.note}`);
      for (const side of [a, b]) console.log(`  ${describe(side.captured, side.assignment)}`);
    }
  }
  return 0;
}

interface Clustered {
  readonly assigned: readonly { readonly captured: CapturedInput; readonly assignment: StoryAssignment }[];
  readonly storyOf: ReadonlyMap<string, string>;
  readonly cpuMs: number;
}

/** Every captured item through one new story index, in order. */
function cluster(captured: readonly CapturedInput[], options: StoryIndexOptions): Clustered {
  const index = createStoryIndex(options);
  const cpu = process.cpuUsage();
  const assigned = captured.map((c) => ({ captured: c, assignment: index.assign(c.input) }));
  const used = process.cpuUsage(cpu);
  const storyOf = new Map(assigned.map((a) => [refId({ feed: a.captured.file, key: a.captured.input.key }), a.assignment.storyId]));
  return { assigned, storyOf, cpuMs: (used.user + used.system) / 1000 };
}

function describe({ file, input }: CapturedInput, assignment: StoryAssignment): string {
  const when = input.published.toISOString().slice(5, 16);
  const { reason } = assignment;
  const why =
    reason.kind === 'same-event'
      ? `same-event ${reason.similarity.toFixed(2)} ${reason.places}`
      : reason.kind === 'duplicate'
        ? `copy J=${reason.jaccard.toFixed(2)}`
        : reason.kind;
  return `${assignment.storyId.slice(0, 8)} ${when} ${file.slice(0, 14).padEnd(14)} ${input.title}  [${why}]`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width);
}

process.exitCode = await main(process.argv.slice(2));
