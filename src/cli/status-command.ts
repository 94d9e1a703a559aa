// `wirewatch status`: is it working? Feeds healthy or failing, alerts today, the outbox backlog per
// destination with the latest permanent delivery failures, destinations not set up, and the version.
// Exit status 1 when a feed is failing or a delivery failed permanently in the last 24 hours.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config/load-config.ts';
import { openStore } from '../store/open-store.ts';
import type { DeliveryFailure, DestinationBacklog, FeedStatus } from '../store/store.ts';
import { loadSettings } from './load-settings.ts';
import { openDatabaseOrFail } from './startup-failure.ts';
import { redactUrlsIn } from '../log/redact-url.ts';

const RECENT_FAILURES = 5;
const DAY_MS = 86_400_000;

export interface StatusReport {
  readonly version: string;
  readonly feeds: { readonly total: number; readonly ok: number; readonly failing: number; readonly neverPolled: number; readonly failingFeeds: readonly { id: string; error: string | null; failures: number; since: string | null }[] };
  readonly alertsToday: number;
  readonly outbox: readonly (Omit<DestinationBacklog, 'oldestPendingAt'> & { readonly oldestPendingAt: string | null })[];
  readonly notSetUp: readonly { readonly name: string; readonly missing: readonly string[] }[];
  readonly recentFailures: readonly (Omit<DeliveryFailure, 'at'> & { readonly at: string })[];
}

export async function runStatus(options: { json?: boolean }, command: Command, setStatus: (code: number) => void): Promise<void> {
  const { config } = await loadSettings(command);
  const report = await openDatabaseOrFail(config.databaseUrl, () => readStatus(config, new Date()));
  const now = Date.now();
  if (report.feeds.failing > 0 || report.recentFailures.some((f) => now - Date.parse(f.at) < DAY_MS)) setStatus(1);
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatStatus(report));
}

export async function readStatus(config: Config, now: Date): Promise<StatusReport> {
  const store = await openStore({ url: config.databaseUrl, mustExist: true });
  try {
    await store.migrate();
    const states = new Map((await store.listFeedStates()).map((s) => [s.feedId, s]));
    const configured = config.feeds.map((feed) => states.get(feed.id) ?? null);
    const failing = config.feeds.flatMap((feed, i) => {
      const state = configured[i];
      return state && state.consecutiveFailures > 0 ? [{ id: feed.id, error: state.lastError === null ? null : redactUrlsIn(state.lastError), failures: state.consecutiveFailures, since: firstFailure(state) }] : [];
    });
    const neverPolled = configured.filter((s) => s === null || (s.lastSuccessAt === null && s.lastErrorAt === null)).length;
    const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    return {
      version: readVersion(),
      feeds: { total: config.feeds.length, ok: config.feeds.length - failing.length - neverPolled, failing: failing.length, neverPolled, failingFeeds: failing },
      alertsToday: await store.countAlertsSince(midnight),
      outbox: (await store.outboxBacklog()).map((b) => ({ ...b, oldestPendingAt: b.oldestPendingAt?.toISOString() ?? null })),
      notSetUp: config.inactiveDestinations.map((d) => ({ name: d.name, missing: d.missing })),
      recentFailures: (await store.recentFailures(RECENT_FAILURES)).map((f) => ({ ...f, at: f.at.toISOString() })),
    };
  } finally {
    await store.close();
  }
}

export function formatStatus(report: StatusReport): string {
  const lines = [`wirewatch ${report.version}`];
  const { feeds } = report;
  lines.push(`feeds: ${feeds.total} (${feeds.ok} ok, ${feeds.failing} failing, ${feeds.neverPolled} never polled)`);
  for (const feed of feeds.failingFeeds) lines.push(`  ✗ ${feed.id}: ${feed.error ?? 'unknown error'} (${feed.failures} in a row)`);
  lines.push(`alerts today (UTC): ${report.alertsToday}`);
  lines.push(report.outbox.length === 0 ? 'outbox: empty' : 'outbox:');
  for (const b of report.outbox) {
    const oldest = b.oldestPendingAt === null ? '' : ` (oldest since ${b.oldestPendingAt})`;
    lines.push(`  ${b.destination}: ${b.pending} pending${oldest}, ${b.failed} failed, ${b.sent} sent`);
  }
  for (const d of report.notSetUp) lines.push(`not set up: ${d.name} (set ${d.missing.join(' and ')})`);
  if (report.recentFailures.length > 0) {
    lines.push('latest permanent delivery failures (never retried):');
    for (const f of report.recentFailures) lines.push(`  ${f.at} ${f.destination} [${f.ruleId}] ${JSON.stringify(f.title.slice(0, 80))}: ${f.error}`);
  }
  return `${lines.join('\n')}\n`;
}

function firstFailure(state: FeedStatus): string | null {
  return state.lastErrorAt?.toISOString() ?? null;
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
