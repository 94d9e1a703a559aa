// Logs an error the worker loop recovers from: a lost database connection at debug level (the store
// logs the outage once, see store/database-health.ts), a full disk in plain words, anything else as
// an error with its stack.
import type { Logger } from '../log/create-logger.ts';
import { isConnectionFailure } from '../store/database-health.ts';
import { isDiskFull } from '../store/is-disk-full.ts';

export function logWorkerError(log: Logger, error: unknown, fields: object, message: string): void {
  if (isConnectionFailure(error)) log.debug({ ...fields, err: error }, `${message} (database unreachable)`);
  else if (isDiskFull(error)) log.error(fields, `${message}: disk full, the database cannot be written; free some space`);
  else log.error({ ...fields, err: error }, message);
}
