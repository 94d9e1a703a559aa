// Opens the real worker (src/app/open-app.ts openApp) from config lines, with silent logs, for
// in-process end-to-end tests.
import { join } from 'node:path';
import { pino } from 'pino';
import { readEnv } from '../../src/config/env.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { openApp, type OpenApp } from '../../src/app/open-app.ts';

export async function openTestWorker(dir: string, configLines: readonly string[], envVars: Record<string, string> = {}): Promise<OpenApp> {
  const env = readEnv(envVars);
  const loaded = parseConfig([`database: ${join(dir, 'w.db')}`, ...configLines].join('\n'), join(dir, 'w.yaml'), env, dir);
  if (loaded.kind !== 'ok') throw new Error(loaded.message);
  return openApp(loaded.config, env, pino({ level: 'silent' }));
}
