// Reads a folder of captured feeds into story inputs, oldest first, with incident facts as the
// pipeline passes them (or none): shared by the story printer and the story evaluation.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normaliseItem } from '../../src/feeds/normalise/normalise-item.ts';
import { parseFeed } from '../../src/feeds/parse/parse-feed.ts';
import type { Gazetteer } from '../../src/geo/gazetteer-types.ts';
import type { StoryInput } from '../../src/stories/story-types.ts';
import { extractFacts } from '../../src/summarize/extract-facts.ts';

export interface CapturedInput {
  /** The feed's file name in the folder. */
  readonly file: string;
  readonly input: StoryInput;
}

/** The captures were taken on 2022-04-05; items without a date count as fetched then. */
const FETCHED_AT = new Date('2022-04-05T12:00:00Z');

/**
 * Every item of every feed file in `dir` that parses (others are reported on stderr and
 * skipped), sorted by publication time as a polling worker would meet them.
 */
export async function readCaptures(dir: string, gazetteer: Gazetteer | null): Promise<CapturedInput[]> {
  const files = (await readdir(dir)).filter((f) => /\.(xml|rss|atom|json)$/i.test(f)).sort();
  const captured: CapturedInput[] = [];
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
      const { key, source, title, body, published } = item;
      captured.push({ file, input: { key, source, title, body, published, facts } });
    }
  }
  captured.sort(
    (a, b) => a.input.published.getTime() - b.input.published.getTime() || (a.input.key < b.input.key ? -1 : 1),
  );
  return captured;
}
