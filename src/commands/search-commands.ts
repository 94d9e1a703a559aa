// `search <query>`, `rules test <query>` and `recent [rule] [since]`: stored items and
// alerts, newest first, with time, source, link and the matched words highlighted.
import { parseDurationSeconds } from '../config/duration.ts';
import type { CommandContext, CommandDeps } from './command-deps.ts';
import { INPUT_LIMITS } from './command-input.ts';
import { highlightSnippet } from './highlight-snippet.ts';
import { matchStoredItems } from './match-stored-items.ts';
import type { MatchResult } from './match-stored-items.ts';
import { refuse, reply } from './reply.ts';
import type { Reply, ReplyItem } from './reply.ts';
import { checkRuleRef } from './rule-ref.ts';

const TOP = 10;
/** Candidates the rule engine looks at per request at most: keeps a reply within seconds. */
export const MAX_SCANNED = 20_000;
const TEST_DAYS = 7;
const DAY_MS = 86_400_000;
const RECENT_DEFAULT_SECONDS = 86_400;
const RECENT_MAX_SECONDS = 30 * 86_400;

export async function searchItems(query: string, deps: CommandDeps): Promise<Reply> {
  const tooLong = checkQueryLength(query);
  if (tooLong !== null) return tooLong;
  const result = await matchStoredItems(deps, query, { since: null, show: TOP, countUpTo: TOP, maxScanned: MAX_SCANNED });
  if (result.kind === 'invalid') return refuse('Search: invalid query', result.error.message);
  const lines = result.matches.length === 0 ? [`Nothing stored matches ${query}.`] : [];
  if (result.truncated) lines.push(`Only the newest ${result.scanned} candidate items were searched.`);
  return reply(`Search: ${query}`, { lines, items: itemsOf(result) });
}

export async function testRule(query: string, deps: CommandDeps, context: CommandContext): Promise<Reply> {
  const tooLong = checkQueryLength(query);
  if (tooLong !== null) return tooLong;
  const since = new Date(context.now.getTime() - TEST_DAYS * DAY_MS);
  const result = await matchStoredItems(deps, query, { since, show: TOP, countUpTo: 1000, maxScanned: MAX_SCANNED });
  if (result.kind === 'invalid') return refuse('Rule test: invalid query', result.error.message);
  const count = result.total >= 1000 ? 'more than 1000 items' : `${result.total} item${result.total === 1 ? '' : 's'}`;
  const lines = [`Would have matched ${count} of the last ${TEST_DAYS} days${result.total > TOP ? ` (newest ${TOP} shown)` : ''}.`];
  if (result.truncated) lines.push(`Only the newest ${result.scanned} candidate items were tested.`);
  return reply(`Rule test: ${query}`, { lines, items: itemsOf(result), ephemeral: true });
}

export async function listRecent(rule: string | null, since: string | null, deps: CommandDeps, context: CommandContext): Promise<Reply> {
  if (rule !== null) {
    const bad = checkRuleRef(rule);
    if (bad !== null) return refuse('Recent alerts', bad);
  }
  let seconds = RECENT_DEFAULT_SECONDS;
  if (since !== null) {
    const parsed = since.length > INPUT_LIMITS.duration ? null : parseDurationSeconds(since);
    if (parsed === null || parsed <= 0) return refuse('Recent alerts', `"${since.slice(0, INPUT_LIMITS.duration)}" is not a duration; use e.g. 30m, 6h or 2d`);
    if (parsed > RECENT_MAX_SECONDS) return refuse('Recent alerts', 'at most 30 days back (30d)');
    seconds = parsed;
  }
  const alerts = await deps.archive.recentAlerts({ ruleId: rule, since: new Date(context.now.getTime() - seconds * 1000), limit: TOP });
  const scope = `${rule === null ? '' : ` for ${rule}`} in the last ${since ?? '24h'}`;
  return reply(`Recent alerts${scope}`, {
    lines: alerts.length === 0 ? [`No alerts${scope}.`] : [],
    items: alerts.map((a) => ({ title: a.title, link: a.link, source: a.source, time: a.createdAt, snippet: [], note: a.ruleId })),
  });
}

function itemsOf(result: Extract<MatchResult, { kind: 'ok' }>): ReplyItem[] {
  return result.matches.map(({ stored, matched }) => ({
    title: stored.item.title,
    link: stored.item.link,
    source: stored.item.source,
    time: stored.item.published,
    snippet: highlightSnippet(stored.item, matched),
    note: null,
  }));
}

function checkQueryLength(query: string): Reply | null {
  if (query.length <= INPUT_LIMITS.query) return null;
  return refuse('Query too long', `a query is at most ${INPUT_LIMITS.query} characters; this one has ${query.length}`);
}
