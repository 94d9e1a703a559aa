// Rule engine throughput, compile time and memory at 100, 1,000 and 10,000 rules, beside a
// baseline in the same run that evaluates each rule with its own regular expressions per article.
// Usage: npm run bench:rules -- [--corpus CORPUS/news] [--baseline-seconds 8] [--limit N] [--sizes 100,1000,10000] [--no-write]
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Article, RuleDefinition } from '../src/domain/match.ts';
import { compileRules } from '../src/rules/compile-rules.ts';
import type { CompiledRules } from '../src/rules/compile-rules.ts';
import { parseQuery } from '../src/rules/parse-query.ts';
import { createRandom, generateCorpus, readCorpus } from './rules/bench-corpus.ts';
import { collectVocabulary, generateRules } from './rules/generate-rules.ts';
import { compileBaselineRule } from './rules/regex-baseline.ts';
import type { BaselineRule } from './rules/regex-baseline.ts';

const SIZES = [100, 1_000, 10_000];
const ENGINE_PASSES = 5;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

interface Args {
  readonly corpus: string | null;
  readonly baselineSeconds: number;
  readonly write: boolean;
  /** Use only the first N articles (quick runs). */
  readonly limit: number | null;
  readonly sizes: readonly number[];
}

function parseArgs(argv: readonly string[]): Args {
  const at = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const limit = at('--limit');
  return {
    corpus: at('--corpus') ?? null,
    baselineSeconds: Number(at('--baseline-seconds') ?? 8),
    write: !argv.includes('--no-write'),
    limit: limit === undefined ? null : Number(limit),
    sizes: (at('--sizes') ?? SIZES.join(',')).split(',').map(Number),
  };
}

const progress = (text: string): void => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}`);
};

/** CPU seconds of this process: steadier than wall time on a machine shared with other work. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function bytesOf(articles: readonly Article[]): number {
  return articles.reduce((sum, a) => sum + Buffer.byteLength(a.title) + Buffer.byteLength(a.body) + Buffer.byteLength(a.source) + Buffer.byteLength(a.url), 0);
}

interface Row {
  readonly rules: number;
  readonly compileSeconds: number;
  readonly heapMB: number;
  readonly rssMB: number;
  readonly engineArticlesPerSecond: number;
  readonly engineMBPerSecond: number;
  readonly matchesPerArticle: number;
  readonly baselineArticles: number;
  readonly baselineArticlesPerSecond: number;
  readonly baselineMBPerSecond: number;
  readonly agreement: number;
}

interface Compiled {
  readonly size: number;
  readonly defs: readonly RuleDefinition[];
  readonly rules: CompiledRules;
  readonly compileSeconds: number;
  readonly heapMB: number;
  readonly rssMB: number;
}

function compileSize(size: number, defs: readonly RuleDefinition[]): Compiled {
  progress(`${size} rules: compiling`);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const compileStart = cpuSeconds();
  const compiled = compileRules(defs, {});
  const compileSeconds = cpuSeconds() - compileStart;
  if (compiled.kind !== 'ok') throw new Error(`bench: generated rules do not compile: ${compiled.errors[0]?.message}`);
  gc();
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const rssMB = (process.memoryUsage().rss - rssBefore) / 1e6;
  return { size, defs, rules: compiled.rules, compileSeconds, heapMB, rssMB };
}

/**
 * The best of ENGINE_PASSES passes over all articles for each rule set, the passes taken in turn
 * (100, 1,000, 10,000, 100, …) so that a slow spell on a shared machine does not fall on one size only.
 */
function runEngines(sets: readonly Compiled[], articles: readonly Article[]): { seconds: number; matches: number }[] {
  const results = sets.map(() => ({ seconds: Infinity, matches: 0 }));
  for (let pass = 1; pass <= ENGINE_PASSES; pass++) {
    sets.forEach((set, s) => {
      const start = cpuSeconds();
      let matches = 0;
      for (let i = 0; i < articles.length; i++) {
        matches += set.rules.match(articles[i] as Article).length;
        if ((i & 1023) === 0) progress(`${set.size} rules: engine pass ${pass}/${ENGINE_PASSES}, ${i}/${articles.length} articles`);
      }
      const result = results[s] as { seconds: number; matches: number };
      result.seconds = Math.min(result.seconds, cpuSeconds() - start);
      result.matches = matches;
    });
  }
  return results;
}

function runBaseline(rules: readonly BaselineRule[], articles: readonly Article[], budget: number, label: string): { seconds: number; count: number; fired: Set<string> } {
  const start = cpuSeconds();
  const fired = new Set<string>();
  let count = 0;
  while (count < articles.length && (count < 20 || cpuSeconds() - start < budget)) {
    const article = articles[count] as Article;
    rules.forEach((rule, r) => {
      if (rule(article)) fired.add(`${count}:${r}`);
    });
    count++;
    progress(`${label}: baseline, ${count} articles`);
  }
  return { seconds: cpuSeconds() - start, count, fired };
}

function benchSize(set: Compiled, engine: { seconds: number; matches: number }, articles: readonly Article[], bytes: number, args: Args): Row {
  const label = `${set.size} rules`;
  const baselineRules = set.defs.map((d) => {
    const parsed = parseQuery(d.query);
    if (parsed.kind !== 'ok') throw new Error(`bench: ${d.query}: ${parsed.error.message}`);
    return compileBaselineRule(parsed.ast);
  });
  const baseline = runBaseline(baselineRules, articles, args.baselineSeconds, label);
  const subset = articles.slice(0, baseline.count);
  const engineFired = new Set<string>();
  subset.forEach((a, i) => {
    for (const m of set.rules.match(a)) engineFired.add(`${i}:${Number(m.ruleId.slice('rule-'.length))}`);
  });
  const union = new Set([...engineFired, ...baseline.fired]);
  const both = [...engineFired].filter((k) => baseline.fired.has(k)).length;
  return {
    rules: set.size,
    compileSeconds: set.compileSeconds,
    heapMB: set.heapMB,
    rssMB: set.rssMB,
    engineArticlesPerSecond: articles.length / engine.seconds,
    engineMBPerSecond: bytes / 1e6 / engine.seconds,
    matchesPerArticle: engine.matches / articles.length,
    baselineArticles: baseline.count,
    baselineArticlesPerSecond: baseline.count / baseline.seconds,
    baselineMBPerSecond: bytesOf(subset) / 1e6 / baseline.seconds,
    agreement: union.size === 0 ? 1 : both / union.size,
  };
}

function machine(): string {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown cpu';
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  return `nproc ${os.availableParallelism()}, ${model}, Node ${process.version}, load average at start ${load}`;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function renderTable(rows: readonly Row[]): string {
  const lines = [
    '| rules | compile (s) | heap / RSS delta (MB) | engine articles/s | engine MB/s | matches/article | baseline articles/s | baseline MB/s | baseline articles run | speed-up | agreement |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${fmt(r.rules)} | ${fmt(r.compileSeconds, 2)} | ${fmt(r.heapMB, 1)} / ${fmt(r.rssMB, 1)} | ${fmt(r.engineArticlesPerSecond)} | ${fmt(r.engineMBPerSecond, 1)} | ${fmt(r.matchesPerArticle, 2)} | ${fmt(r.baselineArticlesPerSecond, 1)} | ${fmt(r.baselineMBPerSecond, 3)} | ${fmt(r.baselineArticles)} | ${fmt(r.engineMBPerSecond / r.baselineMBPerSecond)}× | ${fmt(r.agreement * 100, 1)}% |`,
    );
  }
  return lines.join('\n');
}

function renderTargets(rows: readonly Row[]): string {
  const small = rows.find((r) => r.rules === 100);
  const big = rows.find((r) => r.rules === 10_000);
  if (small === undefined || big === undefined) return '';
  const check = (ok: boolean): string => (ok ? 'met' : '**not met**');
  const speedup = big.engineMBPerSecond / big.baselineMBPerSecond;
  const ratio = big.engineMBPerSecond / small.engineMBPerSecond;
  return [
    `- 10,000 rules ≥ 20 MB/s: ${fmt(big.engineMBPerSecond, 1)} MB/s, ${check(big.engineMBPerSecond >= 20)}`,
    `- 10,000 rules ≥ 50× the baseline: ${fmt(speedup)}×, ${check(speedup >= 50)}`,
    `- 10,000-rule throughput ≥ 1/3 of 100-rule throughput: ${fmt(ratio, 2)}, ${check(ratio >= 1 / 3)}`,
    `- compile 10,000 rules ≤ 2 s: ${fmt(big.compileSeconds, 2)} s, ${check(big.compileSeconds <= 2)}`,
    `- memory ≤ 100 MB: heap ${fmt(big.heapMB, 1)} MB, RSS ${fmt(big.rssMB, 1)} MB, ${check(Math.max(big.heapMB, big.rssMB) <= 100)}`,
  ].join('\n');
}

async function writeResults(section: string): Promise<void> {
  const path = new URL('./RESULTS.md', import.meta.url);
  let current = '# Benchmark results\n';
  try {
    current = await readFile(path, 'utf8');
  } catch {
    // first section in a new file
  }
  const start = current.indexOf('\n## Rule engine\n');
  if (start < 0) {
    await writeFile(path, `${current.trimEnd()}\n\n${section}`);
    return;
  }
  const next = current.indexOf('\n## ', start + 1);
  await writeFile(path, `${current.slice(0, start + 1)}${section}${next < 0 ? '' : `\n${current.slice(next + 1)}`}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const random = createRandom(20261126);
  progress('reading articles');
  const all = args.corpus === null ? generateCorpus(5_000, random) : await readCorpus(args.corpus);
  const articles = args.limit === null ? all : all.slice(0, args.limit);
  const bytes = bytesOf(articles);
  const vocabulary = collectVocabulary(articles, random);
  // Warm up: load the lexicon and JIT the code paths before measuring.
  const warm = compileRules(generateRules(50, vocabulary, random), {});
  if (warm.kind === 'ok') for (const a of articles.slice(0, 500)) warm.rules.match(a);

  const sets = args.sizes.map((size) => compileSize(size, generateRules(size, vocabulary, random)));
  const engines = runEngines(sets, articles);
  const rows = sets.map((set, s) => benchSize(set, engines[s] as { seconds: number; matches: number }, articles, bytes, args));
  progress('');

  const source = args.corpus === null ? `a generated corpus of ${fmt(articles.length)} articles` : `${args.corpus} (${fmt(articles.length)} articles)`;
  const section = [
    '## Rule engine',
    '',
    `Run ${new Date().toISOString()}: ${machine()}.`,
    `Command: \`npm run bench:rules -- ${process.argv.slice(2).join(' ')}\``,
    `Articles: ${source}, ${fmt(bytes / 1e6, 1)} MB (title + body + source, UTF-8). Rules generated from the corpus vocabulary`,
    '(phrases, AND, OR, NEAR/ONEAR, NOT, wildcards, title: scopes). Times are CPU seconds of the process (best of',
    `${ENGINE_PASSES} passes for the engine, the sizes' passes taken in turn), one core. The baseline evaluates every rule with its own regular expressions on`,
    `every article, and runs on the first articles of the corpus for about ${args.baselineSeconds} CPU seconds ("baseline articles run").`,
    '"agreement": share of (article, rule) firings on which engine and baseline agree (the baseline does not fold accents or',
    'abbreviations, so it is not 100%). The sets are compiled in turn in one process: the compiler code is warm from the smaller',
    "sets, but each set's words are new to the word-form cache.",
    '',
    renderTable(rows),
    '',
    renderTargets(rows),
    '',
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (args.write) await writeResults(section);
}

await main();
