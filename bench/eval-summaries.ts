// Summary quality: ROUGE-1/2/L F1 of wirewatch's summaries against reference summaries, per file,
// beside lead-3 baselines cut to the same 600-character budget and scored by the same code.
// Usage: npm run eval:summaries -- DIR [--write-results]
// DIR holds *.jsonl files of {"title": "…", "body": "…", "summary": "reference"}; records
// without "summary" are described (length, compression) but cannot be scored.

import { pathToFileURL } from 'node:url';
import { readArticles, leadThree, writeResults } from './summarize-bench.ts';
import type { CorpusArticle } from './summarize-bench.ts';
import { scoreRouge } from '../src/summarize/score-rouge.ts';
import { SUMMARY_MAX_CHARS, summarize, truncate } from '../src/summarize/summarize.ts';

type System = readonly [name: string, run: (a: CorpusArticle) => string];
const SYSTEMS: readonly System[] = [
  ['wirewatch summarize', (a) => summarize(a)],
  // The reference sets' own definition (their README): the body's first three sentences, raw.
  ['baseline: lead-3', (a) => truncate(plainLeadThree(a.body), SUMMARY_MAX_CHARS)],
  // Stricter: the first three sentences after wirewatch's own cleaning (datelines, page headers).
  ['baseline: lead-3 of the cleaned body', (a) => truncate(leadThree(a.body), SUMMARY_MAX_CHARS)],
];

// A sentence ends at . ! ? (and any closing quote or bracket) before white space and an upper-case
// letter, a digit, £, $ or an opening quote or bracket; a line break also ends one.
const PLAIN_END = /(?<=[.!?]["'”’)\]]*)\s+(?=[\p{Lu}\d£$"'“‘([])|\n+/u;

/** Lead-3 exactly as the reference sets define it, without any cleaning. */
export function plainLeadThree(body: string): string {
  return body
    .split(PLAIN_END)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .slice(0, 3)
    .join(' ');
}

function scoreFile(file: string, articles: readonly CorpusArticle[]): string[] {
  const lines = [`**${file}** (${articles.length.toLocaleString('en')} articles)`, '', '| system | ROUGE-1 F1 | ROUGE-2 F1 | ROUGE-L F1 | mean chars |', '|---|---:|---:|---:|---:|'];
  for (const [name, run] of SYSTEMS) {
    const sum = { rouge1: 0, rouge2: 0, rougeL: 0 };
    let chars = 0;
    for (const a of articles) {
      const out = run(a);
      chars += out.length;
      const s = scoreRouge(out, a.summary ?? '');
      sum.rouge1 += s.rouge1;
      sum.rouge2 += s.rouge2;
      sum.rougeL += s.rougeL;
    }
    const mean = (v: number): string => (v / articles.length).toFixed(4);
    lines.push(`| ${name} | ${mean(sum.rouge1)} | ${mean(sum.rouge2)} | ${mean(sum.rougeL)} | ${Math.round(chars / articles.length)} |`);
  }
  return [...lines, ''];
}

function describeUnscored(articles: readonly CorpusArticle[]): string[] {
  const lines = [
    `**No reference summaries in DIR**: no record has a "summary" field, so ROUGE cannot be computed here.`,
    'Bring a JSONL file of {"title", "body", "summary"} records to score. Descriptive figures only:',
    '',
    '| system | mean chars | mean share of body | outputs ≤ 600 chars |',
    '|---|---:|---:|---:|',
  ];
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
      if (out.length <= SUMMARY_MAX_CHARS) within++;
      counted++;
    }
    lines.push(`| ${name} | ${Math.round(chars / counted)} | ${((100 * share) / counted).toFixed(1)}% | ${((100 * within) / counted).toFixed(1)}% |`);
  }
  return lines;
}

async function main(): Promise<void> {
  const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (dir === undefined) {
    console.error('usage: eval-summaries DIR [--write-results]   (DIR holds *.jsonl of {title, body, summary})');
    process.exit(2);
  }
  const articles = await readArticles(dir);
  const scored = articles.filter((a) => a.summary !== null);
  const lines: string[] = [`Command: \`npm run eval:summaries -- DIR\`: ${articles.length.toLocaleString('en')} articles, ${scored.length.toLocaleString('en')} with a reference summary; every system within ${SUMMARY_MAX_CHARS} characters.`, ''];
  if (scored.length === 0) lines.push(...describeUnscored(articles));
  for (const file of [...new Set(scored.map((a) => a.file))]) lines.push(...scoreFile(file, scored.filter((a) => a.file === file)));
  const report = lines.join('\n').trimEnd();
  console.log(report);
  if (process.argv.includes('--write-results')) await writeResults(scored.length > 0 ? 'Quality (ROUGE)' : 'Quality (no references)', report);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
