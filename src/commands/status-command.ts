// `status`: feeds healthy and failing, alerts today, outbox backlog, rules and mutes, version.
import type { CommandContext, CommandDeps } from './command-deps.ts';
import { reply } from './reply.ts';
import type { Reply } from './reply.ts';

export async function showStatus(deps: CommandDeps, context: CommandContext): Promise<Reply> {
  const midnight = new Date(Date.UTC(context.now.getUTCFullYear(), context.now.getUTCMonth(), context.now.getUTCDate()));
  const [feeds, states, alertsToday, outbox, rules, mutes] = await Promise.all([
    deps.settings.loadActiveFeeds(deps.defaultIntervalSeconds),
    deps.store.listFeedStates(),
    deps.store.countAlertsSince(midnight),
    deps.store.outboxCounts(),
    deps.settings.loadActiveRules(),
    deps.settings.activeMutes(context.now),
  ]);
  const byId = new Map(states.map((s) => [s.feedId, s]));
  let healthy = 0;
  const failing: string[] = [];
  let waiting = 0;
  for (const feed of feeds) {
    const s = byId.get(feed.id);
    if (s === undefined || (s.lastSuccessAt === null && s.lastErrorAt === null)) waiting += 1;
    else if (s.consecutiveFailures > 0) failing.push(feed.id);
    else healthy += 1;
  }
  const fields = [
    { name: 'Feeds', value: `${healthy} healthy, ${failing.length} failing${waiting > 0 ? `, ${waiting} not polled yet` : ''}` },
    { name: 'Alerts today (UTC)', value: String(alertsToday) },
    { name: 'Outbox', value: `${outbox.pending} pending, ${outbox.failed} failed` },
    { name: 'Rules', value: `${rules.length}${mutes.size > 0 ? `, ${mutes.size} muted` : ''}` },
    { name: 'Version', value: deps.version },
  ];
  const lines = failing.length === 0 ? [] : [`Failing: ${failing.slice(0, 20).join(', ')}${failing.length > 20 ? ', …' : ''} (details: feeds status)`];
  return reply('wirewatch status', { fields, lines });
}
