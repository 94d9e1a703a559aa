// Shared start of every command: environment, config file, compiled rules, logger.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadDotEnv, readEnv, type Env } from '../config/env.ts';
import { loadConfig, type Config, type LoadOptions } from '../config/load-config.ts';
import { createLogger, type Logger } from '../log/create-logger.ts';
import { UsageError } from './usage-error.ts';

export function envOf(): Env {
  loadDotEnv(resolve('.env'));
  return readEnv(process.env);
}

export function configFileOption(command: Command): string | null {
  const value: unknown = command.optsWithGlobals().config;
  return typeof value === 'string' ? value : null;
}

export async function loadSettings(command: Command, options: LoadOptions = {}): Promise<{ env: Env; config: Config; log: Logger }> {
  const env = envOf();
  const loaded = await loadConfig(configFileOption(command), env, process.cwd(), options);
  if (loaded.kind === 'invalid') throw new UsageError(`invalid config\n${loaded.message}`);
  return { env, config: loaded.config, log: createLogger(env.logLevel) };
}
