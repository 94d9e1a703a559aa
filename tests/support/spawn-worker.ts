// Starts the real `wirewatch run` (bin/wirewatch.js) as a long-running child process, collecting its
// stdout and stderr, for end-to-end tests that stop it with a signal or watch it over time.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/wirewatch.js', import.meta.url));

export interface WorkerProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit status (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** SIGKILLs the process if it is still running. */
  kill(): void;
}

export function spawnWorker(args: readonly string[], options: { cwd: string; env?: Readonly<Record<string, string>> }): WorkerProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', WIREWATCH_LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | string>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Stops the worker with SIGTERM and resolves with its exit status (0 after a clean stop). */
export async function stopWorker(worker: WorkerProcess): Promise<number | string> {
  worker.child.kill('SIGTERM');
  return worker.exited;
}

/** Polls `done` every 20 ms until it holds, or fails naming `what`. */
export async function waitFor(what: string, done: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`test: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
