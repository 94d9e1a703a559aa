// Runs the real `wirewatch` command (bin/wirewatch.js) in a child process, as a user would.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/wirewatch.js', import.meta.url));

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: string;
  /** Another copy of the bin (a laid-out package); default: the repository's. */
  readonly bin?: string;
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', WIREWATCH_LOG_LEVEL: 'info', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** The JSON log lines of a run's stderr (pino writes JSON when stderr is not a terminal). */
export function logLines(stderr: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Resolves with the first JSON log line of a running child's stderr that `match` accepts; rejects when stderr ends first. */
export function waitForLog(child: ChildProcessByStdio<null, null, Readable> | ChildProcessByStdio<null, Readable, Readable>, match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const onData = (chunk: string): void => {
      stderr += chunk;
      const found = logLines(stderr.slice(0, stderr.lastIndexOf('\n') + 1)).find(match);
      if (found === undefined) return;
      child.stderr.off('data', onData);
      resolve(found);
    };
    child.stderr.setEncoding('utf8').on('data', onData);
    // The end of stderr, not the child's exit: output may still be in the pipe, or (a shell's child) still to come.
    child.stderr.once('close', () => reject(new Error(`test: stderr closed before the awaited log line:\n${stderr}`)));
  });
}
