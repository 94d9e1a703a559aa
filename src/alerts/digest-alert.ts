// One message standing for several alerts: the periodic digest (low priority, over the hourly cap)
// and the "missed while the destination was down" catch-up. Rendered by every sink like any alert.
import type { Alert, Priority } from '../domain/alert.ts';

export type DigestReason = 'digest' | 'missed';

/** Lines of the digest before the renderer cuts it: enough for a long list, well within the limits. */
const MAX_LISTED = 40;

export function buildDigestAlert(alerts: readonly Alert[], reason: DigestReason, now: Date): Alert {
  const first = alerts[0];
  if (first === undefined) throw new Error('alerts: a digest needs at least one alert');
  const count = alerts.length;
  const noun = count === 1 ? 'alert' : 'alerts';
  const title =
    reason === 'missed'
      ? `Missed while this channel could not be reached: ${count} ${noun}`
      : `Digest: ${count} ${noun} since the last one`;
  const listed = alerts.slice(0, MAX_LISTED).map((alert) => `• ${alert.title} (${alert.source})`);
  if (count > MAX_LISTED) listed.push(`• and ${count - MAX_LISTED} more`);
  const terms = new Map<string, Alert['matched'][number]>();
  for (const alert of alerts) for (const m of alert.matched) if (!terms.has(m.term)) terms.set(m.term, m);
  const sources = [...new Set(alerts.map((alert) => alert.source))];
  return {
    id: first.id,
    ruleId: [...new Set(alerts.map((alert) => alert.ruleId))].join(', '),
    itemKey: `digest:${alerts.map((alert) => alert.id).join(',')}`,
    title,
    link: count === 1 ? first.link : null,
    source: sources.length <= 3 ? sources.join(', ') : `${sources.slice(0, 3).join(', ')} and ${sources.length - 3} more`,
    published: now,
    matched: [...terms.values()],
    summary: listed.join('\n'),
    facts: null,
    storyId: first.storyId,
    alsoReportedBy: [],
    priority: highestPriority(alerts),
  };
}

function highestPriority(alerts: readonly Alert[]): Priority {
  if (alerts.some((a) => a.priority === 'flash')) return 'flash';
  return alerts.some((a) => a.priority === 'normal') ? 'normal' : 'low';
}
