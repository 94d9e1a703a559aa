// How fast a `wirewatch` command answers: the packaged bin (plain node over dist/) beside the
// baseline of running the TypeScript sources through tsx, and npx's own start beside
// `npx wirewatch --version`. Medians of N runs: wall time, and the command's own CPU time (user +
// system, read inside the child at exit), which a loaded machine inflates far less.
// With a config of 50,000 feeds (`--feeds N`): the worker's start-up (empty database, then unchanged
// config) and `feeds --json` / `status` on it, beside the figures measured before (bench/RESULTS.md).
// `npm run build && npm run bench:cli [-- --runs N --feeds N]`
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/wirewatch.js');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const feedsArg = process.argv.indexOf('--feeds');
const MANY_FEEDS = feedsArg > 0 ? Number(process.argv[feedsArg + 1]) : 50_000;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

// Prints the child's CPU time as its last stderr line.
// (NODE_OPTIONS splits at spaces: the code has none.)
const MEASURE = "data:text/javascript,process.on('exit',()=>{process.stderr.write('\\nBENCH'+JSON.stringify(process.cpuUsage()))})";

interface Timing {
  readonly wall: number;
  readonly cpu: number | null;
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? NaN;
}

function measure(command: string, args: readonly string[], inChild = true): Timing {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const env = inChild ? { ...process.env, NODE_OPTIONS: `--import ${MEASURE}` } : process.env;
    const result = spawnSync(command, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0) throw new Error(`bench: ${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    const line = /BENCH(\{.*\})\s*$/.exec(result.stderr)?.[1];
    const usage = line === undefined ? null : (JSON.parse(line) as { user: number; system: number });
    if (usage !== null) cpus.push((usage.user + usage.system) / 1000);
  }
  return { wall: median(walls), cpu: cpus.length > 0 ? median(cpus) : null };
}

const show = (t: Timing): string => `${t.wall.toFixed(0)} / ${t.cpu?.toFixed(0) ?? '–'}`;

let built = 0;
try {
  built = statSync(join(ROOT, 'dist/cli.js')).mtimeMs;
} catch {
  // reported below
}
if (built < newestSource(join(ROOT, 'src'))) {
  process.stderr.write('bench: dist/ is missing or older than src/; run `npm run build` first\n');
  process.exit(2);
}

// The baseline: what the bin did before dist/ existed (tsx loaded, the sources compiled on the fly).
const scratch = mkdtempSync(join(tmpdir(), 'wirewatch-bench-'));
const fromSource = join(scratch, 'from-source.mjs');
writeFileSync(
  fromSource,
  `import { register } from ${JSON.stringify(join(ROOT, 'node_modules/tsx/dist/esm/api/index.mjs'))};\nregister();\n` +
    `const { main } = await import(${JSON.stringify(new URL('src/cli.ts', `file://${ROOT}`).href)});\nprocess.exitCode = await main(process.argv);\n`,
);
const feed = join(ROOT, 'tests/fixtures/feeds/latin1-declared.xml');
const commands: { name: string; args: string[]; target?: number }[] = [
  { name: '--version', args: ['--version'], target: 300 },
  { name: 'rules list (default config)', args: ['rules', 'list'], target: 400 },
  { name: 'check on one feed file', args: ['check', '--all', feed] },
];

const rows: string[] = [];
for (const { name, args, target } of commands) {
  const baseline = measure(process.execPath, [fromSource, ...args]);
  const packaged = measure(process.execPath, [BIN, ...args]);
  rows.push(`| \`${name}\` | ${show(baseline)} | ${show(packaged)} | ${target === undefined ? '' : `≤ ${target}`} |`);
}
const npxAlone = measure('npx', ['--version'], false);
const npxVersion = measure('npx', ['wirewatch', '--version'], false);

// A large config: feeds on a closed loopback port (a start polls nothing that answers).
const manyConfig = join(scratch, 'many.yaml');
writeFileSync(
  manyConfig,
  ['interval: 300', `database: ${JSON.stringify(join(scratch, 'many.db'))}`, 'destinations: []', 'rules:', `  - { id: kirkuk, query: '"rocket attack" AND Kirkuk' }`, 'feeds:', ...Array.from({ length: MANY_FEEDS }, (_, i) => `  - url: http://127.0.0.1:9/feed/${i}.xml`), ''].join('\n'),
);

/** Starts `wirewatch run`, and stops it once it logs that it runs: wall time and the worker's CPU time until then. */
async function startUp(): Promise<Timing> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [BIN, 'run', '--config', manyConfig], { cwd: ROOT, env: { ...process.env, WIREWATCH_LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timing = await new Promise<Timing>((resolve, reject) => {
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      if (!buffered.includes('wirewatch running')) return;
      buffered = '';
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      resolve({ wall, cpu: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 }); // USER_HZ ticks
    });
    void exited.then(() => reject(new Error('bench: the worker exited before it ran')));
  });
  child.kill('SIGTERM');
  await exited;
  return timing;
}

const firstStart = await startUp();
const starts: Timing[] = [];
for (let i = 0; i < Math.min(RUNS, 3); i++) starts.push(await startUp());
const laterStart = { wall: median(starts.map((t) => t.wall)), cpu: median(starts.map((t) => t.cpu ?? NaN)) };
const manyRuns = Math.min(RUNS, 3);
const feedsJson = measureTimes(['feeds', '--json', '--config', manyConfig], manyRuns);
const status = measureTimes(['status', '--config', manyConfig], manyRuns);
rmSync(scratch, { recursive: true, force: true });

function measureTimes(args: readonly string[], runs: number): Timing {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = measureOnce(args);
    walls.push(t.wall);
    if (t.cpu !== null) cpus.push(t.cpu);
  }
  return { wall: median(walls), cpu: cpus.length > 0 ? median(cpus) : null };
}

function measureOnce(args: readonly string[]): Timing {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: `--import ${MEASURE}` }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && !(args[0] === 'status' && result.status === 1)) throw new Error(`bench: wirewatch ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const line = /BENCH(\{.*\})\s*$/.exec(result.stderr)?.[1];
  const usage = line === undefined ? null : (JSON.parse(line) as { user: number; system: number });
  return { wall, cpu: usage === null ? null : (usage.user + usage.system) / 1000 };
}

process.stdout.write(
  [
    `Run ${new Date().toISOString()} on ${process.platform}, ${cpus().length} CPUs, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}; median of ${RUNS} runs.`,
    '',
    '| command | baseline: sources through tsx, wall / CPU (ms) | `node bin/wirewatch.js` over dist/, wall / CPU (ms) | target, wall (ms) |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
    `npx (wall): \`npx --version\` (npm's own start, the floor of any npx command) ${npxAlone.wall.toFixed(0)} ms; \`npx wirewatch --version\` ${npxVersion.wall.toFixed(0)} ms.`,
    '',
    `With ${MANY_FEEDS.toLocaleString('en')} feeds in the config (\`node bin/wirewatch.js\` over dist/; start-up: until the worker logs that it runs; median of ${starts.length} starts, ${manyRuns} runs of each command):`,
    '',
    '| with 50,000 feeds | before (bench/RESULTS.md, CPU ms, load average 10) | now, wall / CPU (ms) | target, wall (ms) |',
    '|---|---:|---:|---:|',
    `| \`run\` start-up, empty database | – | ${show(firstStart)} | ≤ 5000 |`,
    `| \`run\` start-up, config unchanged since the last start | 7200 | ${show(laterStart)} | ≤ 5000 |`,
    `| \`feeds --json\` | 4200 | ${show(feedsJson)} | ≤ 1000 |`,
    `| \`status\` | – | ${show(status)} | ≤ 1000 |`,
    '',
  ].join('\n'),
);
