// `wirewatch run [--once]`: the worker (src/app/run-app.ts), after the config and its rules check out.
import type { Command } from 'commander';
import { runApp } from '../app/run-app.ts';
import { compileOrFail } from './compile-or-fail.ts';
import { loadSettings } from './load-settings.ts';
import { limitHeapGrowth } from '../worker/heap-growth.ts';

export async function runWorker(options: { once?: boolean }, command: Command, setStatus: (code: number) => void): Promise<void> {
  limitHeapGrowth();
  const { config, env, log } = await loadSettings(command);
  compileOrFail(config.rules, `${config.file}: rules`);
  setStatus(await runApp(config, env, log, options));
}
