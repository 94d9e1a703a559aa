// Capacity: the real worker (`node bin/wirewatch.js run`, one or more processes) against a loopback
// farm of many feeds on many 127.0.x.y hosts, a set fraction of polls finding a new item. Prints,
// per run: polls/s achieved vs required, % not modified, worker CPU ms per poll, peak RSS, lateness
// (gap between two polls of a feed past its interval) p50/p99, start-up time, database growth.
//   npm run bench:capacity -- --feeds 50000 [--interval 300 --measure 120 --runs sqlite:1,postgres:1,postgres:2,postgres:4]
// Postgres runs need WIREWATCH_BENCH_DATABASE_URL (a server where the bench may create a database).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startFeedFarm, type FeedFarm } from '../tests/support/feed-farm.ts';
import { sampleProcess, type ProcessSample } from './capacity-process.ts';
import { writeResultsSection } from './write-results-section.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Extra flags for the workers' node (`--node-flags "--max-semi-space-size=32"`), to compare settings. */
const NODE_FLAGS = arg('node-flags', '').split(' ').filter(Boolean);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

interface RunSpec {
  readonly db: 'sqlite' | 'postgres';
  readonly workers: number;
}

interface RunResult extends RunSpec {
  readonly feeds: number;
  readonly intervalSeconds: number;
  readonly startupMs: number;
  /** Until every feed had its first poll (a new feed's baseline: the heavy one). */
  readonly firstPollsSeconds: number;
  readonly required: number;
  readonly achieved: number;
  readonly notModifiedPct: number;
  readonly cpuMsPerPoll: number;
  readonly peakRssMb: number;
  /** Peak resident set of a worker over the steady-state window (after every feed's first poll and one interval). */
  readonly steadyRssMb: number;
  readonly latenessP50: number;
  readonly latenessP99: number;
  readonly latenessMax: number;
  readonly over10Pct: number;
  readonly dbMbAfterBaseline: number;
  readonly dbGrowthMbPerHour: number;
  readonly bytesPerItem: number;
  readonly cliMs: number;
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const feeds = Number(arg('feeds', '50000'));
  const intervalSeconds = Number(arg('interval', '300'));
  const measureSeconds = Number(arg('measure', '120'));
  const hosts = Number(arg('hosts', '250'));
  const change = Number(arg('change', '0.02'));
  const pgUrl = process.env['WIREWATCH_BENCH_DATABASE_URL'] ?? null;
  const runs = arg('runs', pgUrl === null ? 'sqlite:1' : 'sqlite:1,postgres:1,postgres:2,postgres:4')
    .split(',')
    .map((spec): RunSpec => {
      const [db = 'sqlite', workers = '1'] = spec.split(':');
      if (db !== 'sqlite' && db !== 'postgres') throw new Error(`bench: unknown database ${db}`);
      if (db === 'postgres' && pgUrl === null) throw new Error('bench: set WIREWATCH_BENCH_DATABASE_URL for Postgres runs');
      return { db, workers: Number(workers) };
    });
  const results: RunResult[] = [];
  for (const run of runs) {
    const farm = await startFeedFarm({ feeds, hosts, changeFraction: change, matchEvery: 50 });
    try {
      const result = await measure(run, farm, { feeds, intervalSeconds, measureSeconds, pgUrl });
      results.push(result);
      console.log(JSON.stringify(result));
    } finally {
      await farm.close();
    }
  }
  const table = render(results, { feeds, intervalSeconds, measureSeconds, hosts, change });
  console.log(table);
  if (!process.argv.includes('--no-write')) await writeResultsSection('Capacity (many feeds, N workers)', table);
}

interface Settings {
  readonly feeds: number;
  readonly intervalSeconds: number;
  readonly measureSeconds: number;
  readonly pgUrl: string | null;
}

async function measure(run: RunSpec, farm: FeedFarm, settings: Settings): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'wirewatch-capacity-'));
  const database = run.db === 'sqlite' ? await sqliteDatabase(dir) : await postgresDatabase(settings.pgUrl ?? '');
  try {
    const configFile = join(dir, 'wirewatch.yaml');
    await writeFile(configFile, configText(farm.urls, settings.intervalSeconds, database.url));
    const started = Date.now();
    // The first worker migrates and seeds the empty database; the others start once it runs.
    const first = startWorker(configFile);
    const startupMs = (await first.running) - started;
    const workers = [first, ...Array.from({ length: run.workers - 1 }, () => startWorker(configFile))];
    await Promise.all(workers.map((w) => w.running));
    const samples = workers.map((w) => sampleProcess(w.child.pid ?? 0));

    // Warm-up: every feed's first poll (spread over one interval, later on a starved machine), then
    // one more interval so that the window holds steady-state polls (mostly 304s).
    farm.publishing(true);
    const warmUpStarted = Date.now();
    while (farm.stats.lastPoll.some((at) => at === 0)) await sleep(1000);
    const firstPollsSeconds = (Date.now() - warmUpStarted) / 1000;
    await sleep(settings.intervalSeconds * 1000);
    const sizeAfterBaseline = await database.size();
    const itemsAfterBaseline = await database.items();
    const steadySince = Date.now();
    const before = snapshot(farm, samples);
    farm.stats.recordGaps = true;
    await sleep(settings.measureSeconds * 1000);
    farm.stats.recordGaps = false;
    const after = snapshot(farm, samples);
    const sizeAtEnd = await database.size();
    const itemsAtEnd = await database.items();
    await Promise.all(workers.map((w) => w.stop()));
    const cliStarted = Date.now();
    await runCli(configFile, ['feeds', '--json']);
    const cliMs = Date.now() - cliStarted;

    const seconds = (after.at - before.at) / 1000;
    const polls = after.polls - before.polls;
    const intervalMs = settings.intervalSeconds * 1000;
    const lateness = farm.stats.gaps.map((gap) => Math.max(0, gap - intervalMs) / 1000).sort((a, b) => a - b);
    return {
      ...run,
      feeds: settings.feeds,
      intervalSeconds: settings.intervalSeconds,
      startupMs,
      firstPollsSeconds,
      required: settings.feeds / settings.intervalSeconds,
      achieved: polls / seconds,
      notModifiedPct: (100 * (after.notModified - before.notModified)) / Math.max(1, polls),
      cpuMsPerPoll: (after.cpuMs - before.cpuMs) / Math.max(1, polls),
      peakRssMb: Math.max(...samples.map((s) => s.peakRssMb())),
      steadyRssMb: Math.max(...samples.map((s) => s.peakRssSinceMb(steadySince))),
      latenessP50: quantile(lateness, 0.5),
      latenessP99: quantile(lateness, 0.99),
      latenessMax: lateness.at(-1) ?? Number.NaN,
      over10Pct: (100 * farm.stats.gaps.filter((gap) => gap > intervalMs * 1.1).length) / Math.max(1, farm.stats.gaps.length),
      dbMbAfterBaseline: sizeAfterBaseline / 1e6,
      // Items stored per hour × bytes per item: the file size itself moves in steps (WAL, page allocation).
      dbGrowthMbPerHour: (((itemsAtEnd - itemsAfterBaseline) * (sizeAtEnd / Math.max(1, itemsAtEnd))) / 1e6) * (3600 / seconds),
      bytesPerItem: sizeAtEnd / Math.max(1, itemsAtEnd),
      cliMs,
    };
  } finally {
    farm.stats.gaps.length = 0;
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

function snapshot(farm: FeedFarm, samples: readonly ProcessSample[]): { at: number; polls: number; notModified: number; cpuMs: number } {
  return { at: Date.now(), polls: farm.stats.polls, notModified: farm.stats.notModified, cpuMs: samples.reduce((sum, s) => sum + s.cpuMs(), 0) };
}

function configText(urls: readonly string[], intervalSeconds: number, database: string): string {
  const lines = [`interval: ${intervalSeconds}`, `database: ${JSON.stringify(database)}`, 'destinations: []', 'rules:', `  - { id: kirkuk, query: '"rocket attack" AND Kirkuk' }`, 'feeds:'];
  for (const url of urls) lines.push(`  - url: ${url}`);
  return `${lines.join('\n')}\n`;
}

interface Worker {
  readonly child: ChildProcess;
  /** When the worker logged that it runs (epoch ms). */
  readonly running: Promise<number>;
  stop(): Promise<void>;
}

function startWorker(configFile: string): Worker {
  const child = spawn(process.execPath, [...NODE_FLAGS, 'bin/wirewatch.js', 'run', '--config', configFile], {
    cwd: ROOT,
    env: { ...process.env, WIREWATCH_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = new Promise<number>((resolve, reject) => {
    // The log (stderr): watch for the start, pass errors through, drop the rest.
    let buffered = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = (buffered + chunk.toString()).split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('wirewatch running')) resolve(Date.now());
        if (/"level":(50|60)/.test(line)) process.stderr.write(`${line}\n`);
      }
    });
    void exited.then(() => reject(new Error('bench: a worker exited before it ran')));
  });
  return {
    child,
    running,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function runCli(configFile: string, args: readonly string[]): Promise<void> {
  const child = spawn(process.execPath, ['bin/wirewatch.js', ...args, '--config', configFile], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
}

interface BenchDatabase {
  readonly url: string;
  size(): Promise<number>;
  items(): Promise<number>;
  drop(): Promise<void>;
}

async function sqliteDatabase(dir: string): Promise<BenchDatabase> {
  const file = join(dir, 'wirewatch.db');
  const { default: Database } = await import('better-sqlite3');
  const sizeOf = async (path: string): Promise<number> => (await stat(path).catch(() => ({ size: 0 }))).size;
  return {
    url: file,
    size: async () => (await sizeOf(file)) + (await sizeOf(`${file}-wal`)),
    async items() {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare('select count(*) as n from items').get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    drop: async () => undefined,
  };
}

async function postgresDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `wirewatch_capacity_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  return {
    url: url.href,
    size: async () => Number((await client.query<{ n: string }>('select pg_database_size(current_database()) as n')).rows[0]?.n ?? 0),
    items: async () => Number((await client.query<{ n: string }>('select count(*) as n from items')).rows[0]?.n ?? 0),
    async drop() {
      await client.end();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

function render(results: readonly RunResult[], s: { feeds: number; intervalSeconds: number; measureSeconds: number; hosts: number; change: number }): string {
  const head =
    `Run ${new Date().toISOString()} on ${platform()} ${release()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}.\n` +
    `Command: \`npm run bench:capacity -- --feeds ${s.feeds} --interval ${s.intervalSeconds} --measure ${s.measureSeconds}\`; ${s.hosts} hosts, ` +
    `${(s.change * 100).toFixed(0)}% of polls find a new item, 20 items of ~1.4 KB per feed. Measured over ${s.measureSeconds} s after warm-up (every feed's first poll, then one ` +
    `interval); lateness is how far the gap between two polls of a feed exceeds the interval (success jitter of up to 2% included).\n\n`;
  const rows = results.map((r) =>
    [
      `${r.db} × ${r.workers}`,
      `${r.achieved.toFixed(0)} / ${r.required.toFixed(0)}`,
      `${r.notModifiedPct.toFixed(1)}%`,
      r.cpuMsPerPoll.toFixed(2),
      `${r.peakRssMb.toFixed(0)} / ${r.steadyRssMb.toFixed(0)}`,
      `${r.latenessP50.toFixed(1)} / ${r.latenessP99.toFixed(1)} / ${r.latenessMax.toFixed(1)}`,
      `${r.over10Pct.toFixed(2)}%`,
      (r.startupMs / 1000).toFixed(1),
      r.firstPollsSeconds.toFixed(0),
      (r.cliMs / 1000).toFixed(1),
      r.dbMbAfterBaseline.toFixed(0),
      r.dbGrowthMbPerHour.toFixed(1),
      r.bytesPerItem.toFixed(0),
    ].join(' | '),
  );
  return (
    head +
    '| run | polls/s achieved / required | not modified | CPU ms / poll | peak RSS MB per worker: whole run / steady state | lateness s p50 / p99 / max | gaps > 110% | start-up s | first polls of all feeds s | `feeds --json` s | DB MB after warm-up | DB growth MB/h | DB bytes / item |\n' +
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n' +
    rows.map((row) => `| ${row} |`).join('\n') +
    '\n'
  );
}

await main();
