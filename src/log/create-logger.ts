// Structured logs with pino, on stderr (stdout carries alerts and --json output):
// JSON when stderr is not a terminal, readable lines when it is. Secrets are redacted.
import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import { redactUrl } from './redact-url.ts';

export { redactUrl } from './redact-url.ts';

export type { Logger };

const REDACT = [
  'token', '*.token', 'secret', '*.secret', 'password', '*.password',
  'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization',
  'databaseUrl', '*.databaseUrl',
];

export function createLogger(level: string, pretty_ = process.stderr.isTTY === true): Logger {
  // URLs logged under these keys lose their credentials and secret query values (see redact-url.ts).
  const url = (value: unknown): unknown => (typeof value === 'string' ? redactUrl(value) : value);
  const serializers = { url, finalUrl: url, database: url, feedUrl: url };
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' }, serializers, base: { app: 'wirewatch' } };
  if (pretty_) {
    // Loaded only for a terminal: every command with its log redirected (services, scripts) skips it.
    const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
    return pino(options, pretty({ destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app', sync: true }));
  }
  return pino(options, pino.destination({ dest: 2, sync: true }));
}
