// The environment variables wirewatch reads: the only place that looks at process.env.
// Every one is listed and explained in .env.example.

export interface Env {
  readonly configFile: string | null;
  readonly databaseUrl: string | null;
  readonly logLevel: string;
}

type EnvSource = Readonly<Record<string, string | undefined>>;

export function readEnv(source: EnvSource): Env {
  return {
    configFile: nonEmpty(source.WIREWATCH_CONFIG),
    databaseUrl: nonEmpty(source.DATABASE_URL),
    logLevel: nonEmpty(source.WIREWATCH_LOG_LEVEL) ?? 'info',
  };
}

function nonEmpty(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== '' ? value.trim() : null;
}

/** Loads KEY=value lines from .env into process.env when the file exists (existing variables win). */
export function loadDotEnv(file: string): void {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`config: cannot read ${file}`, { cause: error });
  }
}
