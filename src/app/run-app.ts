// Runs the app: the worker polls the configured feeds, stores new items and delivers alerts until
// SIGINT/SIGTERM (or after one pass with `once`); the HTTP server and, in the worker holding the chat
// lease, the chat front ends run beside it. Everything opened is closed on the way out.
import type { Config } from '../config/load-config.ts';
import type { Env } from '../config/env.ts';
import { runForever, runOnce } from '../worker/run-worker.ts';
import { startOpsServer } from '../http/start-ops-server.ts';
import type { HttpServer } from '../http/http-server.ts';
import { holdLeadership } from '../worker/hold-leadership.ts';
import { UsageError } from '../cli/usage-error.ts';
import { openDatabaseOrFail } from '../cli/startup-failure.ts';
import { ruleWarnings } from '../rules/rule-warnings.ts';
import type { LiveSettings } from '../settings/live-settings.ts';
import type { Logger } from '../log/create-logger.ts';
import { openApp } from './open-app.ts';
import { startChatFrontEnds } from './chat-front-ends.ts';
import { keepSubscriptions } from './open-websub.ts';
import type { FeedSource } from '../domain/feed.ts';

const CHAT_LEASE = 'chat-front-ends';
/** How often due WebSub subscriptions are looked for (renewals, retries, removed feeds). */
const SUBSCRIPTION_CHECK_MS = 2000;

/** Runs until stopped (or one pass with `once`); resolves with the exit status: 1 when a feed failed in that pass. */
export async function runApp(config: Config, env: Env, log: Logger, options: { readonly once?: boolean }): Promise<number> {
  // WebSub needs the HTTP server for its callbacks, which a single pass does not start.
  const worker = await openDatabaseOrFail(config.databaseUrl, () => openApp(config, env, log, { push: !options.once }));
  for (const inactive of config.inactiveDestinations) log.info({ destination: inactive.name }, `destination not set up: set ${inactive.missing.join(' and ')}`);
  warnAboutIdling(worker.settings.live, config.file, log);
  for (const warning of ruleWarnings(config.rules)) log.warn(warning);
  let ops: HttpServer | null = null;
  try {
    if (options.once) {
      const summary = await runOnce(worker.deps);
      const failed = [...summary.outcomes.values()].filter((o) => o.kind === 'failed').length;
      log.info({ feeds: summary.outcomes.size, failed, delivered: summary.delivered }, 'pass complete');
      return failed > 0 ? 1 : 0;
    }
    // A port in use or a bad host is an operator's mistake: one line, exit status 2.
    // Readiness allows for the longest a feed may rest: its adaptive upper bound, the WebSub safety interval.
    const longestIntervalSeconds = (feed: FeedSource): number =>
      Math.max(feed.intervalSeconds, feed.maxIntervalSeconds ?? config.intervalBounds.maxIntervalSeconds ?? 0, config.websub?.safetyIntervalSeconds ?? 0);
    if (config.http !== null) ops = await startOpsServer(config.http, { store: worker.store, feeds: worker.deps.feeds, longestIntervalSeconds, log }).catch((error: Error) => Promise.reject(new UsageError(error.message)));
    const stop = new AbortController();
    const websub = worker.websub;
    if (websub !== null && ops !== null) ops.mount(websub.callbackPath, websub.subscriber.listener);
    const subscriptions = websub === null ? Promise.resolve() : keepSubscriptions(websub.subscriber, stop.signal, SUBSCRIPTION_CHECK_MS, log);
    // The chat front ends (gateway, Socket Mode) run in one worker at a time: whichever holds the lease.
    const chat = holdLeadership(
      CHAT_LEASE,
      () => startChatFrontEnds({ env, deps: worker.commands, log, http: ops }),
      {
        store: worker.store,
        owner: worker.deps.workerId ?? 'worker',
        now: () => new Date(),
        log,
        ttlMs: config.leaderLeaseMs,
        renewEveryMs: config.leaderLeaseMs / 4,
      },
      stop.signal,
    );
    const onSignal = (signal: NodeJS.Signals): void => {
      log.info({ signal }, 'stopping after in-flight work');
      stop.abort();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    log.info({ feeds: config.feeds.length, rules: config.rules.length, destinations: config.destinations.map((d) => d.name) }, 'wirewatch running');
    try {
      await runForever(worker.deps, stop.signal);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stop.abort();
      await chat;
      await subscriptions;
    }
    return 0;
  } finally {
    await ops?.close();
    await worker.close();
  }
}

/** Without feeds or rules the worker would idle forever: say so once at start. */
function warnAboutIdling(live: LiveSettings, file: string, log: Logger): void {
  if (live.feeds().length === 0) log.warn(`no feeds to poll: list some under "feeds:" in ${file} (or add one with /news feeds add); until then nothing happens`);
  if (live.rules().size === 0) log.warn(`no rules: list some under "rules:" in ${file} (or add one with /news rules add); until then no alert is sent`);
}
