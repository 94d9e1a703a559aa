// Start-up failures the operator must fix (database unreachable, directory missing or read-only,
// disk full) as one line and exit status 2: the causes' messages joined, never a stack trace.
import { redactUrl } from '../log/create-logger.ts';
import { InvalidConfigError } from '../config/load-config.ts';
import { UsageError } from './usage-error.ts';

/** The messages of an error and its causes, most general first, repeats dropped; SQLITE_FULL says "disk full". */
export function describeFailure(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 8; depth += 1) {
    const code = typeof e === 'object' && 'code' in e ? e.code : undefined;
    const message = code === 'SQLITE_FULL' ? 'disk full' : e instanceof Error ? e.message : String(e);
    if (message !== '' && !parts.some((p) => p.includes(message))) parts.push(message);
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(': ').replace(/\s*\n\s*/g, ' ');
}

/**
 * Runs `open`; a failure becomes a UsageError "cannot open the database URL: reason" (exit 2), but
 * for a config found invalid on the way (feeds read lazily), which says so.
 */
export async function openDatabaseOrFail<T>(databaseUrl: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof InvalidConfigError) throw new UsageError(`invalid config\n${error.message}`);
    throw new UsageError(`cannot open the database ${redactUrl(databaseUrl)}: ${describeFailure(error)}`);
  }
}
