// Summary quality: ROUGE-1/2/L F1 of wirewatch's summaries against reference summaries, beside a
// lead-3 baseline scored by the same code. Usage: npm run eval:summaries -- DIR [--write-results]
// DIR holds *.jsonl files of {"title": "…", "body": "…", "summary": "reference"}; records
// without "summary" are described (length, compression) but cannot be scored.

import { pathToFileURL } from 'node:url';
import { readArticles, leadThree, writeResults } from './summarize-bench.ts';
import { scoreRouge } from '../src/summarize/score-rouge.ts';
import type { RougeScores } from '../src/summarize/score-rouge.ts';
import { summarize } from '../src/summarize/summarize.ts';

type System = 'wirewatch summarize' | 'baseline: lead-3';
const SYSTEMS: readonly [System, (a: { title: string; body: string }) => string][] = [
  ['wirewatch summarize', (a) => summarize(a)],
  ['baseline: lead-3', (a) => leadThree(a.body)],
];

async function main(): Promise<void> {
  const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (dir === undefined) {
    console.error('usage: eval-summaries DIR [--write-results]   (DIR holds *.jsonl of {title, body, summary})');
    process.exit(2);
  }
  const articles = await readArticles(dir);
  const scored = articles.filter((a) => a.summary !== null);
  const lines: string[] = [`Command: \`npm run eval:summaries -- ${dir}\`: ${articles.length.toLocaleString('en')} articles, ${scored.length.toLocaleString('en')} with a reference summary.`, ''];

  if (scored.length > 0) {
    lines.push('| system | ROUGE-1 F1 | ROUGE-2 F1 | ROUGE-L F1 | mean chars |', '|---|---:|---:|---:|---:|');
    for (const [name, run] of SYSTEMS) {
      const sum = { rouge1: 0, rouge2: 0, rougeL: 0 };
      let chars = 0;
      for (const a of scored) {
        const out = run(a);
        chars += out.length;
        const s: RougeScores = scoreRouge(out, a.summary ?? '');
        sum.rouge1 += s.rouge1;
        sum.rouge2 += s.rouge2;
        sum.rougeL += s.rougeL;
      }
      const mean = (v: number): string => (v / scored.length).toFixed(3);
      lines.push(`| ${name} | ${mean(sum.rouge1)} | ${mean(sum.rouge2)} | ${mean(sum.rougeL)} | ${Math.round(chars / scored.length)} |`);
    }
  } else {
    lines.push(
      `**No reference summaries in ${dir}**: no record has a "summary" field, so ROUGE cannot be computed here.`,
      'Bring a JSONL file of {"title", "body", "summary"} records to score (e.g. the BBC News Summary set, whose',
      '"Summaries" half is not in the corpus). Descriptive figures only:',
      '',
      '| system | mean chars | mean share of body | outputs ≤ 600 chars |',
      '|---|---:|---:|---:|',
    );
    for (const [name, run] of SYSTEMS) {
      let chars = 0;
      let share = 0;
      let within = 0;
      let counted = 0;
      for (const a of articles) {
        if (a.body.trim() === '') continue;
        const out = run(a);
        chars += out.length;
        share += out.length / a.body.length;
        if (out.length <= 600) within++;
        counted++;
      }
      lines.push(`| ${name} | ${Math.round(chars / counted)} | ${((100 * share) / counted).toFixed(1)}% | ${((100 * within) / counted).toFixed(1)}% |`);
    }
  }
  const report = lines.join('\n');
  console.log(report);
  if (process.argv.includes('--write-results')) await writeResults(scored.length > 0 ? 'Quality (ROUGE)' : 'Quality (no references)', report);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
