// Prints the stories that several outlets share in a folder of captured feeds, for a person to
// judge the clustering (src/stories/). Usage: npm run stories -- DIR [--all] [--why] [--no-facts]
// [--grep=WORD]. Items are assigned oldest first, as a polling worker would see them, with facts
// from summarize/ as the pipeline passes them (--no-facts: text alone).

import { loadGazetteer } from '../src/geo/gazetteer.ts';
import { createStoryIndex } from '../src/stories/story-index.ts';
import type { StoryAssignment, StoryInput } from '../src/stories/story-index.ts';
import { readCaptures } from './stories/read-captures.ts';

interface Row {
  readonly input: StoryInput;
  readonly assignment: StoryAssignment;
}

async function main(argv: readonly string[]): Promise<number> {
  const dir = argv.find((a) => !a.startsWith('--'));
  if (dir === undefined) {
    console.error('usage: print-stories DIR [--all] [--why] [--no-facts] [--grep=WORD]');
    return 2;
  }
  const showAll = argv.includes('--all');
  const showWhy = argv.includes('--why');
  const grep = argv.find((a) => a.startsWith('--grep='))?.slice(7).toLowerCase();
  const captured = await readCaptures(dir, argv.includes('--no-facts') ? null : loadGazetteer());
  const inputs = captured.map((c) => c.input);

  const index = createStoryIndex();
  const rows: Row[] = inputs.map((input) => ({ input, assignment: index.assign(input) }));
  const byStory = new Map<string, Row[]>();
  for (const row of rows) {
    const list = byStory.get(row.assignment.storyId) ?? [];
    list.push(row);
    byStory.set(row.assignment.storyId, list);
  }
  if (grep !== undefined) {
    for (const { input, assignment } of rows) {
      if (!input.title.toLowerCase().includes(grep)) continue;
      console.log(`${assignment.storyId}  ${input.source.slice(0, 20).padEnd(20)}  ${input.title}  [${describeReason(assignment)}]`);
    }
    return 0;
  }
  let shown = 0;
  for (const [storyId, members] of byStory) {
    const outlets = new Set(members.map((m) => m.input.source));
    if (members.length < 2 || (!showAll && outlets.size < 2)) continue;
    shown++;
    console.log(`\n${storyId}  (${members.length} items, ${outlets.size} sources)`);
    for (const { input, assignment } of members) {
      const why = showWhy ? `  [${describeReason(assignment)}]` : '';
      console.log(`  ${input.source.padEnd(28).slice(0, 28)}  ${input.title}${why}`);
    }
  }
  const multi = [...byStory.values()].filter((m) => new Set(m.map((r) => r.input.source)).size >= 2).length;
  console.log(
    `\n${inputs.length} items, ${byStory.size} stories, ${multi} with ≥ 2 sources` +
      (showAll ? `, ${shown} with ≥ 2 items shown` : ''),
  );
  return 0;
}

function describeReason({ reason, duplicateOf }: StoryAssignment): string {
  switch (reason.kind) {
    case 'duplicate':
      return `copy of ${duplicateOf ?? '?'} J=${reason.jaccard.toFixed(2)} C=${reason.containment.toFixed(2)}`;
    case 'same-event':
      return `same event cos=${reason.similarity.toFixed(2)} places=${reason.places}`;
    default:
      return reason.kind;
  }
}

process.exitCode = await main(process.argv.slice(2));
