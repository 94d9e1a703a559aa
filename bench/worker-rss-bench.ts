// What a worker costs in memory before it has any work: `node bin/wirewatch.js run` with the
// sample config (its feeds are unreachable offline: they fail and back off), once with console
// output only and, as the baseline, once with Discord and Slack bot destinations configured (tokens
// set, nothing contacted: bot sinks connect only to send). Prints each run's peak RSS (VmHWM) and
// CPU time, and whether discord.js and @slack/bolt were loaded into the process.
// `npm run build && npm run bench:worker-rss [-- --seconds N]`
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 8;
// At exit the child prints its CPU time and the chat packages in its module cache (CommonJS
// packages imported from ESM land there too). NODE_OPTIONS splits at spaces: the code has none.
const REPORT = new URL('../tests/support/report-loaded-packages.mjs', import.meta.url).href;

interface Run {
  readonly peakRssMb: number;
  readonly cpuMs: number;
  readonly packages: readonly string[];
}

async function runWorker(extraEnv: Record<string, string>): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'wirewatch-rss-'));
  try {
    const child = spawn(process.execPath, ['--import', REPORT, join(ROOT, 'bin/wirewatch.js'), 'run'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_URL: join(dir, 'w.db'), WIREWATCH_LOG_LEVEL: 'warn', ...extraEnv },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let peakKb = 0;
    const sample = (): void => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        if (hwm !== undefined) peakKb = Math.max(peakKb, Number(hwm));
      } catch {
        // exited between samples
      }
    };
    const timer = setInterval(sample, 100);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    sample();
    child.kill('SIGTERM');
    const code = await exited;
    clearInterval(timer);
    const line = /LOADED(\{.*\})\s*$/m.exec(stderr)?.[1];
    if (line === undefined) throw new Error(`bench: the worker exited ${String(code)} without its report:\n${stderr.slice(-2000)}`);
    const report = JSON.parse(line) as { cpuMs: number; packages: string[] };
    return { peakRssMb: peakKb / 1024, cpuMs: report.cpuMs, packages: report.packages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const chatEnv = {
  DISCORD_TOKEN: 'bench-token',
  DISCORD_CHANNEL_ID: '100000000000000001',
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_CHANNEL: 'C0BENCH',
  WIREWATCH_DISCORD_API: 'http://127.0.0.1:9/api',
  WIREWATCH_SLACK_API: 'http://127.0.0.1:9/api/',
};

const load = loadavg()[0]?.toFixed(2) ?? '?';
const consoleOnly = await runWorker({});
const withChat = await runWorker(chatEnv);
const show = (name: string, run: Run): string =>
  `${name.padEnd(34)} ${run.peakRssMb.toFixed(0).padStart(6)} MB ${run.cpuMs.toFixed(0).padStart(7)} ms   ${run.packages.length === 0 ? '(none)' : run.packages.join(', ')}`;
process.stdout.write(
  [
    `wirewatch run, sample config, ${SECONDS} s each (load average ${load} at start)`,
    `${'destinations'.padEnd(34)} ${'peak RSS'.padStart(9)} ${'CPU'.padStart(10)}   chat packages loaded`,
    show('discord + slack bots (baseline)', withChat),
    show('console only', consoleOnly),
    `saved by not loading the chat packages: ${(withChat.peakRssMb - consoleOnly.peakRssMb).toFixed(0)} MB peak RSS`,
    '',
  ].join('\n'),
);
