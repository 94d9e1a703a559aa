// `wirewatch feeds add URL [--yes]`: finds the feeds behind an address (a feed, or a web page and
// its site), shows them, and appends the chosen one to the config. On a terminal it asks which;
// with --yes (or no terminal) it takes the first. Operator commands accept any address: no SSRF guard.
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { discoverFeeds, type FoundFeed } from '../feeds/discover/discover-feeds.ts';
import { fetchFeed } from '../feeds/fetch/fetch-feed.ts';
import { fetchOptionsFrom } from '../feeds/fetch/fetch-options-from.ts';
import { addFeedsToConfig, feedKey, knownFeeds } from './add-feeds.ts';
import { loadSettings } from './load-settings.ts';
import { UsageError } from './usage-error.ts';

const VIA: Record<FoundFeed['via'], string> = { address: 'the address itself', 'page-link': 'linked from the page', 'common-path': 'a common feed path of the site' };

export async function runFeedsAdd(url: string, options: { yes?: boolean }, command: Command, setStatus: (code: number) => void): Promise<void> {
  if (feedKey(url) === null) throw new UsageError(`"${url.slice(0, 200)}" is not an http or https URL`);
  const settings = await loadSettings(command);
  const fetchOptions = fetchOptionsFrom(settings.config.fetch);
  const discovery = await discoverFeeds(new URL(url).href, (candidate) => fetchFeed(candidate, { etag: null, lastModified: null }, fetchOptions));
  if (discovery.kind === 'none') {
    process.stderr.write(`wirewatch: ${discovery.reason}\n`);
    setStatus(1);
    return;
  }
  const found = discovery.feeds;
  process.stdout.write(`found ${found.length} feed(s):\n`);
  found.forEach((feed, i) => process.stdout.write(`  ${i + 1}. ${feed.url}  ${feed.title ?? ''} (${feed.items} items; ${VIA[feed.via]})\n`));
  const chosen = options.yes || found.length === 1 || !process.stdin.isTTY ? found[0] : await ask(found);
  if (chosen === undefined) {
    process.stdout.write('nothing added\n');
    return;
  }
  const polled = (await knownFeeds(settings.config)).get(feedKey(chosen.url) ?? chosen.url);
  if (polled !== undefined) {
    process.stdout.write(`${chosen.url} is polled already (as ${polled.id}); nothing added\n`);
    return;
  }
  const [added] = await addFeedsToConfig(settings, [{ url: chosen.url, title: chosen.title, category: null }], false);
  process.stdout.write(`added ${added?.id}  ${chosen.url} to ${settings.config.file}; a running worker polls it after a restart\n`);
}

async function ask(found: readonly FoundFeed[]): Promise<FoundFeed | undefined> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await prompt.question(`add which? [1-${found.length}, Enter for 1, n for none] `)).trim().toLowerCase();
    if (answer === 'n' || answer === 'no') return undefined;
    const index = answer === '' ? 1 : Number(answer);
    return Number.isInteger(index) ? found[index - 1] : undefined;
  } finally {
    prompt.close();
  }
}
