// Prints the stories that several outlets share in a folder of captured feeds, for a person to
// judge the clustering (src/stories/). Usage: npm run stories -- DIR [--all] [--why] [--no-facts]
// [--grep=WORD]. Items are assigned oldest first, as a polling worker would see them, with facts
// from summarize/ as the pipeline passes them (--no-facts: text alone).

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normaliseItem } from '../src/feeds/normalise-item.ts';
import { parseFeed } from '../src/feeds/parse-feed.ts';
import { loadGazetteer } from '../src/geo/gazetteer.ts';
import type { Gazetteer } from '../src/geo/gazetteer.ts';
import { extractFacts } from '../src/summarize/extract-facts.ts';
import { createStoryIndex } from '../src/stories/story-index.ts';
import type { StoryAssignment, StoryInput } from '../src/stories/story-index.ts';

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
  const inputs = await readFolder(dir, argv.includes('--no-facts') ? null : loadGazetteer());
  inputs.sort((a, b) => a.published.getTime() - b.published.getTime() || (a.key < b.key ? -1 : 1));

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

/** Every item of every feed file in `dir` that parses (others are reported and skipped). */
async function readFolder(dir: string, gazetteer: Gazetteer | null): Promise<StoryInput[]> {
  const files = (await readdir(dir)).filter((f) => /\.(xml|rss|atom|json)$/i.test(f)).sort();
  const inputs: StoryInput[] = [];
  for (const file of files) {
    const parsed = await parseFeed(await readFile(join(dir, file)), null);
    if (parsed.kind !== 'ok') {
      console.error(`${file}: ${parsed.reason}`);
      continue;
    }
    const context = { feedTitle: parsed.feed.title ?? file, feedUrl: `file:///${file}`, fetchedAt: FETCHED_AT };
    for (const raw of parsed.feed.items) {
      const item = normaliseItem(raw, context);
      if (item.title === '' && item.body === '') continue;
      const facts = gazetteer === null ? null : extractFacts(item, gazetteer);
      inputs.push({ key: item.key, source: item.source, title: item.title, body: item.body, published: item.published, facts });
    }
  }
  return inputs;
}

/** The captures were taken on 2022-04-05; items without a date count as fetched then. */
const FETCHED_AT = new Date('2022-04-05T12:00:00Z');

process.exitCode = await main(process.argv.slice(2));
