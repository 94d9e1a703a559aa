// `npm run bench -- --corpus CORPUS`: every benchmark in turn, each printing its figure
// beside the baseline it measures in the same process. Without --corpus, only the benchmarks
// that generate their own input run (rule engine on a generated corpus, delivery latency).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

interface Step {
  readonly name: string;
  readonly script: string;
  readonly args: (corpus: string) => string[];
  readonly needsCorpus: boolean;
  readonly nodeFlags?: readonly string[];
}

const STEPS: readonly Step[] = [
  { name: 'feed conformance', script: 'bench/conformance.ts', args: (c) => [join(c, 'feeds')], needsCorpus: true },
  { name: 'rule engine', script: 'bench/rules-bench.ts', args: (c) => (c ? ['--corpus', join(c, 'news')] : []), needsCorpus: false },
  { name: 'summaries and facts', script: 'bench/summarize-bench.ts', args: (c) => ['--corpus', join(c, 'news'), '--write-results'], needsCorpus: true },
  { name: 'story clustering', script: 'bench/stories-bench.ts', args: (c) => [join(c, 'news')], needsCorpus: true, nodeFlags: ['--expose-gc'] },
  { name: 'delivery latency', script: 'bench/latency-bench.ts', args: () => [], needsCorpus: false },
];

const at = process.argv.indexOf('--corpus');
const corpus = at >= 0 ? (process.argv[at + 1] ?? '') : '';
let failed = 0;
for (const step of STEPS) {
  if (step.needsCorpus && !corpus) {
    process.stderr.write(`\n== ${step.name}: skipped (needs --corpus DIR, e.g. CORPUS)\n`);
    continue;
  }
  process.stderr.write(`\n== ${step.name}\n`);
  const run = spawnSync(process.execPath, [...(step.nodeFlags ?? []), '--import', 'tsx', step.script, ...step.args(corpus)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    process.stderr.write(`== ${step.name}: exit ${run.status ?? run.signal}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
