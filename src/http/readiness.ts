// Whether the worker is ready (`GET /readyz`): the database answers, feeds are being polled and
// no destination's outbox is stuck. Each failed check is one reason, said in a sentence.
import type { DestinationBacklog } from '../store/store.ts';

export type Readiness = { readonly ready: true } | { readonly ready: false; readonly reasons: readonly string[] };

export interface ReadinessProbe {
  /** Reads the outbox per destination: also proves the database answers. */
  readonly backlog: () => Promise<readonly DestinationBacklog[]>;
  readonly feedCount: () => number;
  /** The shortest poll interval among the feeds, in seconds. */
  readonly shortestIntervalSeconds: () => number;
  readonly lastPollAt: () => Date | null;
  readonly lastSendAt: (destination: string) => Date | null;
  readonly now: () => Date;
}

/** Pending alerts this old, with nothing delivered to their destination for as long, mean it is stuck. */
export const OUTBOX_STUCK_AFTER_MS = 60 * 60_000;
/** Polls may lag the shortest interval this much (a busy fetch queue) before polling counts as stalled. */
const POLL_GRACE_MS = 60_000;

export async function checkReadiness(probe: ReadinessProbe): Promise<Readiness> {
  const reasons: string[] = [];
  const now = probe.now().getTime();
  let backlog: readonly DestinationBacklog[] = [];
  try {
    backlog = await probe.backlog();
  } catch (error) {
    reasons.push(`the database does not answer (${describe(error)})`);
  }
  if (probe.feedCount() > 0) {
    const limitMs = 3 * probe.shortestIntervalSeconds() * 1000 + POLL_GRACE_MS;
    const lastPoll = probe.lastPollAt();
    if (lastPoll === null) reasons.push('no feed poll has completed yet');
    else if (now - lastPoll.getTime() > limitMs) reasons.push(`no feed poll has completed for ${seconds(now - lastPoll.getTime())}`);
  }
  for (const b of backlog) {
    if (b.pending === 0 || b.oldestPendingAt === null || now - b.oldestPendingAt.getTime() <= OUTBOX_STUCK_AFTER_MS) continue;
    const lastSend = probe.lastSendAt(b.destination);
    if (lastSend !== null && now - lastSend.getTime() <= OUTBOX_STUCK_AFTER_MS) continue;
    reasons.push(`the outbox of ${b.destination} is stuck: ${b.pending} alert(s) pending since ${b.oldestPendingAt.toISOString()} and no delivery attempt for ${seconds(OUTBOX_STUCK_AFTER_MS)}`);
  }
  return reasons.length === 0 ? { ready: true } : { ready: false, reasons };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = (error instanceof Error ? error.message : String(error)).split('\n', 1)[0] || 'unknown error';
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
