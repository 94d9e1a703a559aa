// `wirewatch feeds import FILE.opml` and `wirewatch feeds export`: subscription lists in and out.
// Import appends the file's feeds to the config (folders become `category`), reporting duplicates
// and addresses it cannot poll; export prints every polled feed (config and chat) as OPML 2.0.
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { FeedSource } from '../domain/feed.ts';
import { parseOpml, type OpmlFeed } from '../feeds/opml/opml-parse.ts';
import { renderOpml } from '../feeds/opml/opml-write.ts';
import { addFeedsToConfig, feedKey, knownFeeds } from './add-feeds.ts';
import { loadSettings } from './load-settings.ts';
import { UsageError } from './usage-error.ts';

/** An OPML file larger than this is not a subscription list. */
const MAX_OPML_BYTES = 10 * 1024 * 1024;

export async function runFeedsImport(file: string, options: { dryRun?: boolean }, command: Command): Promise<void> {
  const settings = await loadSettings(command);
  const parsed = parseOpml(await readOpml(file));
  if (parsed.kind === 'invalid') throw new UsageError(`${file}:${parsed.line}: ${parsed.reason}; nothing imported`);
  const known = await knownFeeds(settings.config);
  const seen = new Map<string, OpmlFeed>();
  const report: string[] = [];
  const fresh: OpmlFeed[] = [];
  for (const feed of parsed.feeds) {
    const key = feedKey(feed.url);
    if (key === null) {
      report.push(`skipped (not an http or https URL): ${feed.url}`);
      continue;
    }
    const polled = known.get(key);
    if (polled !== undefined) report.push(`duplicate (already polled as ${polled.id}): ${feed.url}`);
    else if (seen.has(key)) report.push(`duplicate (listed twice in ${file}): ${feed.url}`);
    else fresh.push(feed);
    seen.set(key, feed);
  }
  const added = await addFeedsToConfig(
    settings,
    fresh.map((feed) => ({ url: feed.url, title: feed.title, category: feed.category.length > 0 ? feed.category.join('/') : null })),
    options.dryRun === true,
  );
  for (const feed of added) process.stdout.write(`${options.dryRun ? 'would add' : 'added'} ${feed.id}  ${feed.url}${feed.category ? `  [${feed.category}]` : ''}\n`);
  for (const line of report) process.stdout.write(`${line}\n`);
  process.stdout.write(
    `${parsed.feeds.length} feed(s) in ${file}: ${added.length} ${options.dryRun ? 'to add' : `added to ${settings.config.file}`}, ` +
      `${report.length} skipped${added.length > 0 && !options.dryRun ? '; a running worker polls them after a restart' : ''}\n`,
  );
}

export async function runFeedsExport(command: Command): Promise<void> {
  const { config } = await loadSettings(command);
  const feeds = [...(await knownFeeds(config)).values()];
  const polledOverHttp = feeds.filter((feed) => feedKey(feed.url) !== null);
  process.stdout.write(renderOpml('wirewatch feeds', polledOverHttp.map(toOpml), new Date()));
  const local = feeds.length - polledOverHttp.length;
  if (local > 0) process.stderr.write(`wirewatch: ${local} local file feed(s) left out (OPML lists web addresses)\n`);
}

function toOpml(feed: FeedSource): OpmlFeed {
  return { url: feed.url, title: feed.title ?? feed.id, category: (feed.category ?? '').split('/').filter((part) => part !== '') };
}

async function readOpml(file: string): Promise<string> {
  try {
    if ((await stat(file)).size > MAX_OPML_BYTES) throw new UsageError(`${file}: larger than ${MAX_OPML_BYTES / 1024 / 1024} MB; not an OPML subscription list`);
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'unknown error'})`}`);
  }
}
