// The worker's Prometheus metrics (prom-client), one registry per process: the pipeline records
// events with one-line calls (`metrics.poll('updated')`), the HTTP server serves `GET /metrics`.
// Names follow https://prometheus.io/docs/practices/naming/ (base units, `_total` counters).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DestinationBacklog } from '../store/store.ts';

export type PollResult = 'updated' | 'not-modified' | 'failed';
/** What became of a WebSub content distribution. */
export type PushOutcome = 'accepted' | 'bad-signature' | 'unknown-subscription' | 'too-large' | 'failed';
export type SendResult = 'sent' | 'retry' | 'permanent';

const registry = new Registry();
// Event-loop lag (nodejs_eventloop_lag_*), heap and resident memory, CPU, handles, GC.
collectDefaultMetrics({ register: registry });

const polls = new Counter({ name: 'wirewatch_polls_total', help: 'Feed refreshes by result', labelNames: ['result'], registers: [registry] });
const fetchSeconds = new Histogram({
  name: 'wirewatch_fetch_duration_seconds',
  help: 'Time to fetch a feed (request to body read, or failure)',
  labelNames: ['result'],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});
const itemsStored = new Counter({ name: 'wirewatch_items_stored_total', help: 'New items stored', registers: [registry] });
const matches = new Counter({ name: 'wirewatch_rule_matches_total', help: 'Rule matches that became alerts, by rule', labelNames: ['rule'], registers: [registry] });
const sends = new Counter({
  name: 'wirewatch_alerts_total',
  help: 'Delivery attempts by destination and outcome (sent, retry, permanent)',
  labelNames: ['destination', 'outcome'],
  registers: [registry],
});
const retries = new Counter({ name: 'wirewatch_delivery_retries_total', help: 'Deliveries scheduled for another attempt, by destination', labelNames: ['destination'], registers: [registry] });
const rateLimited = new Counter({ name: 'wirewatch_rate_limited_total', help: 'HTTP 429 answers, from feeds or from chat APIs', labelNames: ['source'], registers: [registry] });
const storyMerges = new Counter({ name: 'wirewatch_story_merges_total', help: 'Items that joined an existing story instead of starting one', registers: [registry] });

let backlogSource: (() => Promise<readonly DestinationBacklog[]>) | null = null;
const backlogNow = async (): Promise<readonly DestinationBacklog[]> => (backlogSource === null ? [] : backlogSource().catch(() => []));
new Gauge({
  name: 'wirewatch_outbox_pending',
  help: 'Alerts waiting in the outbox, by destination',
  labelNames: ['destination'],
  registers: [registry],
  async collect() {
    this.reset();
    for (const b of await backlogNow()) this.set({ destination: b.destination }, b.pending);
  },
});
new Gauge({
  name: 'wirewatch_outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest alert waiting in the outbox, by destination (0 when none waits)',
  labelNames: ['destination'],
  registers: [registry],
  async collect() {
    this.reset();
    const now = Date.now();
    for (const b of await backlogNow()) this.set({ destination: b.destination }, b.oldestPendingAt === null ? 0 : Math.max(0, (now - b.oldestPendingAt.getTime()) / 1000));
  },
});

const pushes = new Counter({ name: 'wirewatch_websub_pushes_total', help: 'WebSub content distributions received, by outcome', labelNames: ['outcome'], registers: [registry] });
let subscriptionSource: (() => Promise<ReadonlyMap<string, number>>) | null = null;
new Gauge({
  name: 'wirewatch_websub_subscriptions',
  help: 'WebSub subscriptions by state (requested, active, denied, unsubscribing, failed)',
  labelNames: ['state'],
  registers: [registry],
  async collect() {
    this.reset();
    const counts = subscriptionSource === null ? new Map<string, number>() : await subscriptionSource().catch(() => new Map<string, number>());
    for (const [state, count] of counts) this.set({ state }, count);
  },
});

/** When things last happened in this process, for readiness. */
const last = { poll: null as Date | null, sendByDestination: new Map<string, Date>() };

export const metrics = {
  poll(result: PollResult): void {
    polls.inc({ result });
    last.poll = new Date();
  },
  /** Runs a fetch and observes its duration under its result's kind. */
  async timeFetch<T extends { readonly kind: string }>(fetch: () => Promise<T>): Promise<T> {
    const end = fetchSeconds.startTimer();
    const result = await fetch();
    end({ result: result.kind });
    return result;
  },
  /** Items a poll stored, with the rules their alerts came from. */
  stored(saved: readonly { readonly alerts: readonly { readonly ruleId: string }[] }[]): void {
    itemsStored.inc(saved.length);
    for (const item of saved) for (const alert of item.alerts) matches.inc({ rule: alert.ruleId });
  },
  /** A send, edit or reply to a destination; a 429 (`afterMs` set) also counts as rate-limited. */
  sent(destination: string, outcome: { readonly kind: SendResult; readonly afterMs?: number | null }): void {
    sends.inc({ destination, outcome: outcome.kind });
    if (outcome.kind === 'retry') retries.inc({ destination });
    last.sendByDestination.set(destination, new Date());
  },
  rateLimited(source: 'feed' | 'chat'): void {
    rateLimited.inc({ source });
  },
  storyMerged(count = 1): void {
    storyMerges.inc(count);
  },
  pushed(outcome: PushOutcome): void {
    pushes.inc({ outcome });
  },
};

/** Where the WebSub subscription gauge reads from (the store), set once by the worker when WebSub is on. */
export function measureSubscriptionsWith(source: () => Promise<ReadonlyMap<string, number>>): void {
  subscriptionSource = source;
}

/** Where the outbox gauges read from (the store), set once by the worker. */
export function measureOutboxWith(source: () => Promise<readonly DestinationBacklog[]>): void {
  backlogSource = source;
}

export function lastPollAt(): Date | null {
  return last.poll;
}

export function lastSendAt(destination: string): Date | null {
  return last.sendByDestination.get(destination) ?? null;
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
