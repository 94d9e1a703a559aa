// Opens the real worker (src/main.ts openWorker) from config lines, with silent logs, for
// in-process end-to-end tests.
import { join } from 'node:path';
import { pino } from 'pino';
import { readEnv } from '../../src/config/env.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { openWorker, type OpenWorker } from '../../src/main.ts';

export async function openTestWorker(dir: string, configLines: readonly string[], envVars: Record<string, string> = {}): Promise<OpenWorker> {
  const env = readEnv(envVars);
  const loaded = parseConfig([`database: ${join(dir, 'w.db')}`, ...configLines].join('\n'), join(dir, 'w.yaml'), env, dir);
  if (loaded.kind !== 'ok') throw new Error(loaded.message);
  return openWorker(loaded.config, env, pino({ level: 'silent' }));
}
