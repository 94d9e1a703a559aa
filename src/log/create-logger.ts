// Structured logs with pino, on stderr (stdout carries alerts and --json output):
// JSON when stderr is not a terminal, readable lines when it is. Secrets are redacted.
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

const REDACT = [
  'token', '*.token', 'secret', '*.secret', 'password', '*.password',
  'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization',
  'databaseUrl', '*.databaseUrl',
];

export function createLogger(level: string, pretty_ = process.stderr.isTTY === true): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'wirewatch' } };
  if (pretty_) {
    return pino(options, pretty({ destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app', sync: true }));
  }
  return pino(options, pino.destination({ dest: 2, sync: true }));
}

/** Removes user:password from a connection string before it is shown anywhere. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^/@]+)@/, '//[redacted]@');
}
