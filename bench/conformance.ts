// Feed conformance run: parses every feed-like file under a folder (the shared corpus) with
// parseFeed + normaliseItem, each in a worker thread with a timeout, and records a summary in
// bench/RESULTS.md. Usage: npm run conformance -- CORPUS/feeds
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, platform, release } from 'node:os';
import { join, relative } from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { normaliseItem } from '../src/feeds/normalise/normalise-item.ts';
import { INTERNAL_ERROR, parseFeed } from '../src/feeds/parse/parse-feed.ts';

const TIMEOUT_MS = 10_000;
const RESULTS_FILE = new URL('./RESULTS.md', import.meta.url);
const SECTION = '## Feed conformance';
// Expected outputs and notes that sit beside the inputs in the corpus.
const SKIPPED_DIRS = new Set(['expected-output', 'expected-feed-parser', 'expected-serde']);

type Outcome =
  | { kind: 'parsed'; format: string; items: number; estimatedDates: number; withoutLink: number }
  | { kind: 'rejected'; reason: string }
  | { kind: 'crashed'; error: string }
  | { kind: 'hung' };

interface Job {
  readonly path: string;
  readonly contentType: string | null;
}

// ---- worker side -------------------------------------------------------------------------

async function runJob(job: Job): Promise<Outcome> {
  const body = await readFile(job.path);
  const result = await parseFeed(body, job.contentType);
  if (result.kind === 'rejected') {
    return result.reason.startsWith(INTERNAL_ERROR) ? { kind: 'crashed', error: result.reason } : result;
  }
  const fetchedAt = new Date();
  const feedTitle = result.feed.title ?? 'feed';
  let estimatedDates = 0;
  let withoutLink = 0;
  for (const raw of result.feed.items) {
    const item = normaliseItem(raw, { feedTitle, feedUrl: 'https://feeds.example/feed', fetchedAt });
    if (item.publishedEstimated) estimatedDates++;
    if (item.link === null) withoutLink++;
  }
  return { kind: 'parsed', format: result.feed.format, items: result.feed.items.length, estimatedDates, withoutLink };
}

if (!isMainThread && parentPort !== null) {
  const port = parentPort;
  port.postMessage('ready');
  port.on('message', (job: Job) => {
    runJob(job).then(
      (outcome) => port.postMessage(outcome),
      (error: unknown) => port.postMessage({ kind: 'crashed', error: error instanceof Error ? error.stack ?? error.message : String(error) }),
    );
  });
}

// ---- main side ---------------------------------------------------------------------------

// Workers do not inherit tsx's loader hooks from `--import tsx`, so the worker registers tsx
// itself before importing this file.
// Resolves once the worker has loaded the parser, so start-up time does not count against a file.
function startWorker(): Promise<Worker> {
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(code, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve(worker));
    worker.once('error', reject);
  });
}

/** One long-lived worker, replaced when a file hangs it or kills it. */
class WorkerRunner {
  private worker: Worker | null = null;

  async run(job: Job): Promise<Outcome> {
    const worker = (this.worker ??= await startWorker());
    return new Promise((resolve) => {
      const settle = (outcome: Outcome, discard: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (discard) {
          void worker.terminate();
          this.worker = null;
        }
        resolve(outcome);
      };
      const onMessage = (outcome: Outcome): void => settle(outcome, false);
      const onError = (error: Error): void => settle({ kind: 'crashed', error: error.message }, true);
      const timer = setTimeout(() => settle({ kind: 'hung' }, true), TIMEOUT_MS);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

async function listInputs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...(await listInputs(path)));
    } else if (entry.isFile() && !entry.name.endsWith('.md')) {
      out.push(path);
    }
  }
  return out.sort();
}

interface CaseNotes {
  /** Content-Type the feedparser test simulates with a "Header:" line. */
  readonly contentType: string | null;
  /** feedparser's verdict: true = ill-formed ("bozo"), false = well-formed, null = not stated. */
  readonly bozo: boolean | null;
}

// feedparser cases open with a comment: "Header: Content-type: …", "Expect: bozo and …".
async function readCaseNotes(path: string): Promise<CaseNotes> {
  const head = (await readFile(path)).subarray(0, 2048).toString('latin1');
  const header = /^\s*Header:\s*Content-type:\s*(.+?)\s*$/im.exec(head)?.[1] ?? null;
  const expect = /Expect:\s*(not\s+bozo|bozo)\b/i.exec(head)?.[1]?.toLowerCase() ?? null;
  return { contentType: header, bozo: expect === null ? null : !expect.startsWith('not') };
}

// "XML error at line 12: unexpected close tag" → "XML error: unexpected close tag".
function reasonGroup(reason: string): string {
  return reason.replace(/ at line \d+/, '');
}

function describe(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'parsed':
      return `${outcome.format}\t${outcome.items} items`;
    case 'rejected':
      return `rejected\t${outcome.reason}`;
    case 'crashed':
      return `CRASHED\t${outcome.error.split('\n')[0] ?? ''}`;
    case 'hung':
      return `HUNG\tno answer in ${TIMEOUT_MS / 1000} s`;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const dir = argv[0];
  if (dir === undefined) {
    process.stderr.write('usage: node --import tsx bench/conformance.ts CORPUS_DIR\n');
    return 2;
  }
  const files = await listInputs(dir);
  const runner = new WorkerRunner();
  const outcomes: { path: string; outcome: Outcome; notes: CaseNotes }[] = [];
  const started = performance.now();
  for (const [i, path] of files.entries()) {
    if (process.stderr.isTTY) process.stderr.write(`\r[${i + 1}/${files.length}] `);
    const notes = await readCaseNotes(path);
    const outcome = await runner.run({ path, contentType: notes.contentType });
    outcomes.push({ path, outcome, notes });
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    process.stdout.write(`${relative(dir, path)}\t${describe(outcome)}\n`);
  }
  await runner.close();
  const seconds = (performance.now() - started) / 1000;
  const table = summarise(outcomes, seconds);
  process.stdout.write(`\n${table}\n`);
  await recordResults(table, argv);
  const failed = outcomes.filter(({ outcome }) => outcome.kind === 'crashed' || outcome.kind === 'hung').length;
  return failed === 0 ? 0 : 1;
}

function summarise(outcomes: readonly { path: string; outcome: Outcome; notes: CaseNotes }[], seconds: number): string {
  const count = (kind: Outcome['kind']): number => outcomes.filter((o) => o.outcome.kind === kind).length;
  const parsed = outcomes.flatMap(({ outcome }) => (outcome.kind === 'parsed' ? [outcome] : []));
  const byFormat = new Map<string, number>();
  for (const p of parsed) byFormat.set(p.format, (byFormat.get(p.format) ?? 0) + 1);
  const reasons = new Map<string, number>();
  for (const { outcome } of outcomes) {
    if (outcome.kind === 'rejected') reasons.set(reasonGroup(outcome.reason), (reasons.get(reasonGroup(outcome.reason)) ?? 0) + 1);
  }
  const sum = (f: (p: (typeof parsed)[number]) => number): number => parsed.reduce((n, p) => n + f(p), 0);
  const bozo = outcomes.filter((o) => o.notes.bozo === true);
  const wellFormed = outcomes.filter((o) => o.notes.bozo === false);
  const lines = [
    `| outcome | files |`,
    `|---|---:|`,
    `| inputs | ${outcomes.length} |`,
    `| parsed | ${parsed.length} (${[...byFormat].sort().map(([f, n]) => `${f} ${n}`).join(', ')}) |`,
    `| rejected | ${count('rejected')} |`,
    ...[...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([reason, n]) => `| &nbsp;&nbsp;${markdownCell(reason)} | ${n} |`),
    `| crashed | ${count('crashed')} |`,
    `| hung (> ${TIMEOUT_MS / 1000} s) | ${count('hung')} |`,
    '',
    `Items normalised: ${sum((p) => p.items)} (${sum((p) => p.estimatedDates)} with an estimated date, ${sum((p) => p.withoutLink)} without a link).`,
    `feedparser cases marked ill-formed ("bozo"): ${bozo.length}, of which recovered ${bozo.filter((o) => o.outcome.kind === 'parsed').length}, rejected ${bozo.filter((o) => o.outcome.kind === 'rejected').length}; marked well-formed: ${wellFormed.length}, of which rejected ${wellFormed.filter((o) => o.outcome.kind === 'rejected').length}.`,
    `Wall time: ${seconds.toFixed(1)} s.`,
  ];
  return lines.join('\n');
}

function markdownCell(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\|/g, '\\|');
}

// Replaces only this section of bench/RESULTS.md; other benchmarks own the other sections.
async function recordResults(table: string, argv: readonly string[]): Promise<void> {
  const cpu = cpus();
  const section = [
    SECTION,
    '',
    `Run ${new Date().toISOString()} on ${platform()} ${release()}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
    `Command: \`node --import tsx bench/conformance.ts ${argv.join(' ')}\``,
    '',
    table,
    '',
  ].join('\n');
  let current = '';
  try {
    current = await readFile(RESULTS_FILE, 'utf8');
  } catch {
    current = '# Benchmark results\n\n';
  }
  const start = current.indexOf(`${SECTION}\n`);
  let next: string;
  if (start === -1) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const after = current.indexOf('\n## ', start + SECTION.length);
    next = current.slice(0, start) + section + (after === -1 ? '' : `\n${current.slice(after + 1)}`);
  }
  await writeFile(RESULTS_FILE, next);
}

if (isMainThread) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`conformance: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
