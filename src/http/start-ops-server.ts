// Starts the HTTP server for a running worker: readiness from its store and feeds, metrics from
// this process's registry (the outbox gauges read the store at each scrape).
import type { Logger } from '../log/create-logger.ts';
import type { FeedSource } from '../domain/feed.ts';
import type { Store } from '../store/store.ts';
import { lastPollAt, lastSendAt, measureOutboxWith, renderMetrics } from '../metrics/metrics.ts';
import { startHttpServer, type HttpServer } from './http-server.ts';
import { checkReadiness } from './readiness.ts';

export interface OpsServerDeps {
  readonly store: Pick<Store, 'outboxBacklog'>;
  readonly feeds: () => readonly FeedSource[];
  /** The longest a feed may wait between polls (adaptive bounds, WebSub safety interval); default its interval. */
  readonly longestIntervalSeconds?: (feed: FeedSource) => number;
  readonly log: Logger;
}

export async function startOpsServer(http: { readonly host: string; readonly port: number }, deps: OpsServerDeps): Promise<HttpServer> {
  const backlog = () => deps.store.outboxBacklog();
  measureOutboxWith(backlog);
  return startHttpServer({
    host: http.host,
    port: http.port,
    log: deps.log,
    metrics: renderMetrics,
    readiness: () =>
      checkReadiness({
        backlog,
        feedCount: () => deps.feeds().length,
        shortestIntervalSeconds: () => Math.min(...deps.feeds().map((f) => deps.longestIntervalSeconds?.(f) ?? f.intervalSeconds)),
        lastPollAt,
        lastSendAt,
        now: () => new Date(),
      }),
  });
}
