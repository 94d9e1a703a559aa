// Tells a lost or refused database connection (server restarting or unreachable, connection killed)
// from other errors, and logs the database's reachability once per change instead of once per query.
// Postgres error codes: https://www.postgresql.org/docs/current/errcodes-appendix.html (classes 08, 57P).
import { isDiskFull } from './is-disk-full.ts';

/** The two log calls the tracker needs (pino's Logger has them). */
export interface HealthLog {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

export interface DatabaseHealth {
  /** Records a failure; true when it was a connection failure (logged once per outage). */
  failed(error: unknown): boolean;
  /** Records that the database answered (logs once when it comes back). */
  succeeded(): void;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006',
]);
const CONNECTION_MESSAGES = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect/i;

/** True for an error (or one of its causes) saying the database connection was lost or refused. */
export function isConnectionFailure(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 8; depth += 1) {
    const code = 'code' in e ? e.code : undefined;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if ('errors' in e && Array.isArray(e.errors) && e.errors.some(isConnectionFailure)) return true; // AggregateError of a dual-stack connect
    if (e instanceof Error && CONNECTION_MESSAGES.test(e.message)) return true;
    e = 'cause' in e ? e.cause : undefined;
  }
  return false;
}

/** One short reason for a connection failure: its code and message, never a stack. */
export function connectionReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? `${error.code} ` : '';
  const inner = error.cause instanceof Error ? `: ${connectionReason(error.cause)}` : '';
  return `${code}${error.message || error.name}${inner}`;
}

export function createDatabaseHealth(log: HealthLog): DatabaseHealth {
  let down = false;
  return {
    failed(error) {
      if (!isConnectionFailure(error)) return false;
      if (!down) {
        down = true;
        log.warn({ reason: connectionReason(error) }, 'database unreachable; retrying');
      }
      return true;
    },
    succeeded() {
      if (!down) return;
      down = false;
      log.info({}, 'database reachable again');
    },
  };
}

/**
 * Runs `action`, trying again while it fails only because the connection was lost (a killed
 * connection is replaced at once; an outage takes longer) or the disk is full, for at most `forMs`.
 * For writes that must not be dropped, such as marking an alert sent after the platform accepted it.
 */
export async function retryOnConnectionLoss<T>(action: () => Promise<T>, forMs = 60_000): Promise<T> {
  const until = Date.now() + forMs;
  for (let waitMs = 50; ; waitMs = Math.min(waitMs * 2, 2_000)) {
    try {
      return await action();
    } catch (error) {
      if (!(isConnectionFailure(error) || isDiskFull(error)) || Date.now() + waitMs > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
