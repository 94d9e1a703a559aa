// `wirewatch feeds`: each feed polled (from the config, and added from chat) with its health
// (last success, last error, next poll) and its polling interval with the reason for it.
import type { Command } from 'commander';
import { openDatabase } from '../store/open-database.ts';
import { configSeed } from '../settings/config-seed.ts';
import { loadSettings } from './load-settings.ts';
import { redactUrl, redactUrlsIn } from '../log/redact-url.ts';
import { openDatabaseOrFail } from './startup-failure.ts';
import { describeInterval } from './describe-interval.ts';

const NEVER_POLLED = { changeIntervalMs: null, lastChangeAt: null, pollIntervalSeconds: null, intervalReason: null } as const;

export async function runFeeds(options: { json?: boolean }, command: Command): Promise<void> {
  // The config's feeds are only seeded, which is skipped when the config is the one seeded last.
  const { config } = await loadSettings(command, { lazyFeeds: true });
  const database = await openDatabaseOrFail(config.databaseUrl, () => openDatabase({ url: config.databaseUrl, mustExist: true }));
  const { store, settings } = database;
  try {
    const { feeds, states } = await openDatabaseOrFail(config.databaseUrl, () =>
      database.migrateThen(async () => {
        await settings.seedFromConfig(configSeed(config), new Date());
        return {
          feeds: await settings.loadActiveFeeds(config.intervalSeconds),
          states: new Map((await store.listFeedStates()).map((s) => [s.feedId, s])),
        };
      }),
    );
    const now = new Date();
    // Written in blocks: one write per feed costs more than the rest of the command at 50,000 feeds.
    const out: string[] = [];
    const flush = (): void => {
      if (out.length > 0) process.stdout.write(out.join(''));
      out.length = 0;
    };
    for (const feed of feeds) {
      if (out.length >= 1000) flush();
      const state = states.get(feed.id) ?? null;
      const polling = describeInterval(state ?? NEVER_POLLED, state?.consecutiveFailures ?? 0, feed.intervalSeconds, now);
      const health = {
        id: feed.id,
        url: redactUrl(feed.url),
        title: state?.title ?? feed.title,
        status: !state?.lastSuccessAt && !state?.lastErrorAt ? 'never polled' : (state?.consecutiveFailures ?? 0) > 0 ? 'failing' : 'ok',
        lastSuccess: state?.lastSuccessAt?.toISOString() ?? null,
        lastError: state?.lastError === undefined || state.lastError === null ? null : redactUrlsIn(state.lastError),
        lastErrorAt: state?.lastErrorAt?.toISOString() ?? null,
        consecutiveFailures: state?.consecutiveFailures ?? 0,
        nextAttempt: state?.nextAttemptAt?.toISOString() ?? null,
        interval: polling.interval,
        intervalReason: polling.reason,
        changesEvery: polling.changesEvery,
      };
      if (options.json) {
        out.push(`${JSON.stringify(health)}\n`);
        continue;
      }
      out.push(
        [
          `${health.status === 'ok' ? '✓' : health.status === 'failing' ? '✗' : '·'} ${health.id}  ${health.title ?? ''}`,
          `    ${health.url}`,
          `    last success: ${health.lastSuccess ?? 'never'}   next poll: ${health.nextAttempt ?? 'at start'}`,
          `    polled ${polling.text}`,
          ...(health.lastError ? [`    last error (${health.consecutiveFailures} in a row): ${health.lastError} at ${health.lastErrorAt}`] : []),
          '',
        ].join('\n'),
      );
    }
    flush();
    if (feeds.length === 0) process.stdout.write(`no feeds configured in ${config.file}\n`);
  } finally {
    await database.close();
  }
}
