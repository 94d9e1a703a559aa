// The real `wirewatch run` in child processes (plain node, so signals reach the worker), and a
// poll-until helper for tests that watch them from outside.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/wirewatch.js', import.meta.url));

export interface WorkerProcesses {
  /** Starts `wirewatch --config CONFIG run` in `cwd` with only PATH, HOME, a warn log level and `env`. */
  start(config: string, cwd: string, env: Readonly<Record<string, string>>): ChildProcess;
  /** Sends `signal` and waits for the process to exit. */
  stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void>;
  /** SIGKILLs every process still running (call after each test). */
  killAll(): void;
}

export function workerProcesses(): WorkerProcesses {
  const children: ChildProcess[] = [];
  return {
    start(config, cwd, env) {
      const child = spawn(process.execPath, [BIN, '--config', config, 'run'], {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', WIREWATCH_LOG_LEVEL: 'warn', ...env },
        stdio: 'ignore',
      });
      children.push(child);
      return child;
    },
    async stop(child, signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
    killAll() {
      for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Resolves once `done()` holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(what: string, done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`test: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
