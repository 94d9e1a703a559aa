// `feeds list | add <url> | remove <url or id> | status`. A feed added from chat must be
// a public http(s) address (SSRF guard, through deps.testFetch) and must fetch and parse as a feed;
// given a web page, the feed found on it (feeds/discover/discover-feeds.ts) is added.
import { deriveFeedId } from '../config/feed-id.ts';
import { discoverFeeds } from '../feeds/discover/discover-feeds.ts';
import type { CommandContext, CommandDeps } from './command-deps.ts';
import { INPUT_LIMITS } from './command-input.ts';
import { refuse, reply } from './reply.ts';
import { redactUrl, redactUrlsIn } from '../log/redact-url.ts';
import type { Reply } from './reply.ts';

const MAX_LISTED = 50;

export async function listFeeds(deps: CommandDeps): Promise<Reply> {
  const feeds = await deps.settings.loadActiveFeeds(deps.defaultIntervalSeconds);
  if (feeds.length === 0) return reply('Feeds', { lines: ['No feeds yet. Add one: feeds add <url>'], ephemeral: true });
  const lines = feeds.slice(0, MAX_LISTED).map((f) => `${f.id}: ${publicAddress(f.url)}${f.title === null ? '' : ` (${f.title})`}${f.origin === 'config' ? ' [config]' : ''}`);
  if (feeds.length > MAX_LISTED) lines.push(`…and ${feeds.length - MAX_LISTED} more`);
  return reply(`Feeds (${feeds.length})`, { lines, ephemeral: true });
}

export async function addFeedFromChat(url: string, deps: CommandDeps, context: CommandContext): Promise<Reply> {
  if (url.length > INPUT_LIMITS.url) return refuse('Feed not added', `a URL is at most ${INPUT_LIMITS.url} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('Feed not added', `"${url.slice(0, 100)}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return refuse('Feed not added', 'only http and https feeds can be added from chat');
  const href = parsed.href;
  const known = await deps.settings.loadActiveFeeds(deps.defaultIntervalSeconds);
  if (known.some((f) => f.url === href)) return refuse('Feed not added', `${href} is watched already`);
  // A web page is fine too: its feeds are found, each fetched through the same guard.
  const discovery = await discoverFeeds(href, deps.testFetch);
  if (discovery.kind === 'none') return refuse('Feed not added', discovery.reason);
  const [chosen, ...others] = discovery.feeds;
  if (chosen === undefined) return refuse('Feed not added', `no feed found at ${href}`);
  if (chosen.url !== href && known.some((f) => f.url === chosen.url)) return refuse('Feed not added', `${chosen.url} (found on ${href}) is watched already`);
  const id = deriveFeedId(chosen.url);
  const outcome = await deps.settings.addFeed({ url: chosen.url, id, title: null }, context.user, context.now);
  if (outcome === 'exists') return refuse('Feed not added', `${chosen.url} is watched already`);
  const title = chosen.title ?? new URL(chosen.url).hostname;
  return reply(`Feed added: ${title}`, {
    lines: [
      ...(chosen.url === href ? [] : [`Found on ${href}.`]),
      `${chosen.url} (id ${id}), ${chosen.items} items now. Polled from the next cycle; items already there are not alerted.`,
      ...others.map((f) => `Also found: ${f.url}${f.title === null ? '' : ` (${f.title})`}; add it with: feeds add ${f.url}`),
    ],
    ephemeral: true,
  });
}

export async function removeFeedFromChat(urlOrId: string, deps: CommandDeps, context: CommandContext): Promise<Reply> {
  if (urlOrId.length > INPUT_LIMITS.url) return refuse('Feed not removed', `a URL is at most ${INPUT_LIMITS.url} characters`);
  let key = urlOrId;
  try {
    key = new URL(urlOrId).href;
  } catch {
    // an id
  }
  const removed = (await deps.settings.removeFeed(key, context.user, context.now)) ?? (key === urlOrId ? null : await deps.settings.removeFeed(urlOrId, context.user, context.now));
  if (removed === null) return refuse('Feed not removed', `no feed has the URL or id "${urlOrId.slice(0, 200)}" (see: feeds list)`);
  return reply('Feed removed', { lines: [`${removed} is no longer polled. Its stored items stay searchable.`], ephemeral: true });
}

export async function feedStatus(deps: CommandDeps, context: CommandContext): Promise<Reply> {
  const [feeds, states] = await Promise.all([deps.settings.loadActiveFeeds(deps.defaultIntervalSeconds), deps.store.listFeedStates()]);
  if (feeds.length === 0) return reply('Feed health', { lines: ['No feeds yet.'], ephemeral: true });
  const byId = new Map(states.map((s) => [s.feedId, s]));
  const lines = feeds.slice(0, MAX_LISTED).map((feed) => {
    const s = byId.get(feed.id);
    if (s === undefined || (s.lastSuccessAt === null && s.lastErrorAt === null)) return `• ${feed.id}: not polled yet`;
    const parts = [
      s.consecutiveFailures > 0 ? `FAILING (${s.consecutiveFailures}×): ${s.lastError === null ? 'unknown error' : redactUrlsIn(s.lastError)}` : 'ok',
      `last success ${ago(s.lastSuccessAt, context.now)}`,
      s.lastErrorAt === null ? null : `last error ${ago(s.lastErrorAt, context.now)}${s.consecutiveFailures === 0 && s.lastError !== null ? ` (${redactUrlsIn(s.lastError)})` : ''}`,
      s.nextAttemptAt === null ? null : `next poll ${until(s.nextAttemptAt, context.now)}`,
    ].filter((p) => p !== null);
    return `• ${feed.id}: ${parts.join('; ')}`;
  });
  if (feeds.length > MAX_LISTED) lines.push(`…and ${feeds.length - MAX_LISTED} more`);
  return reply('Feed health', { lines, ephemeral: true });
}

/** What a channel may see of a feed's address: an http(s) URL without its secrets; never a local file path. */
function publicAddress(url: string): string {
  return /^https?:\/\//i.test(url) ? redactUrl(url) : '(a local file)';
}

/** "5 min ago", "never". */
export function ago(at: Date | null, now: Date): string {
  if (at === null) return 'never';
  return `${span(now.getTime() - at.getTime())} ago`;
}

function until(at: Date, now: Date): string {
  const ms = at.getTime() - now.getTime();
  return ms <= 0 ? 'due now' : `in ${span(ms)}`;
}

function span(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}
