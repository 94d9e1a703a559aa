// Summary and incident-facts throughput over the news corpus (Reuters-21578 + BBC, ~24k texts),
// beside a lead-3 baseline (first three sentences) measured in the same process.
// Usage: node --import tsx bench/summarize-bench.ts --corpus CORPUS/news [--write-results]

import { writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { loadGazetteer } from '../src/geo/gazetteer.ts';
import { extractFacts } from '../src/summarize/extract-facts.ts';
import { cleanForSplitting } from '../src/summarize/article-sentences.ts';
import { splitSentences } from '../src/summarize/split-sentences.ts';
import { summarize } from '../src/summarize/summarize.ts';
import type { Facts } from '../src/domain/alert.ts';
import { parseReutersDate, readNewsRecords } from './news-corpus.ts';

export interface CorpusArticle {
  /** The file the record came from, without ".jsonl". */
  readonly file: string;
  readonly title: string;
  readonly body: string;
  readonly published: Date | null;
  /** A reference summary, when the record has one. */
  readonly summary: string | null;
}

/** A Reuters-21578 date or an ISO date, else null. */
function parseDate(text: string | undefined): Date | null {
  if (text === undefined) return null;
  const reuters = parseReutersDate(text);
  if (reuters !== null) return reuters;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : new Date(t);
}

/** Every record of the *.jsonl files of `dir` (JSON lines of {title, body, date?|published?, summary?}). */
export async function readArticles(dir: string): Promise<CorpusArticle[]> {
  return (await readNewsRecords(dir)).map((r) => ({
    file: r.file,
    title: r.title,
    body: r.body,
    published: parseDate(r.published ?? r.date),
    summary: typeof r.summary === 'string' && r.summary.trim() !== '' ? r.summary : null,
  }));
}

/**
 * The baseline: the first three sentences of the body, with hard-wrapped wire lines joined and
 * datelines blanked (as summarize sees them) but no other selection, cleaning or length cap.
 */
export function leadThree(body: string): string {
  return splitSentences(cleanForSplitting(body))
    .slice(0, 3)
    .map((s) => s.text.replace(/\s+/g, ' '))
    .join(' ');
}

interface Timing {
  readonly seconds: number;
  readonly cpuSeconds: number;
}

function time(run: () => void): Timing {
  const cpu = process.cpuUsage();
  const t = performance.now();
  run();
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - t) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** Replaces (or appends) `## Summaries and facts` → `### heading` in bench/RESULTS.md. */
export async function writeResults(heading: string, markdown: string): Promise<void> {
  const path = new URL('./RESULTS.md', import.meta.url);
  const section = '## Summaries and facts';
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
  if (!text.includes(section)) text = `${text.trimEnd()}\n\n${section}\n`;
  const start = text.indexOf(section);
  const nextSection = text.indexOf('\n## ', start + section.length);
  const end = nextSection < 0 ? text.length : nextSection + 1;
  let mine = text.slice(start, end);
  const sub = `### ${heading}`;
  const subStart = mine.indexOf(sub);
  const block = `${sub}\n\n${markdown.trim()}\n`;
  if (subStart < 0) mine = `${mine.trimEnd()}\n\n${block}`;
  else {
    const subEnd = mine.indexOf('\n### ', subStart + sub.length);
    mine = `${mine.slice(0, subStart)}${block}${subEnd < 0 ? '' : mine.slice(subEnd)}`;
  }
  text = `${text.slice(0, start)}${mine.trimEnd()}\n${end < text.length ? `\n${text.slice(end)}` : ''}`;
  await writeFile(path, text);
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--corpus');
  const dir = at > 0 ? process.argv[at + 1] : undefined;
  if (dir === undefined) {
    console.error('usage: summarize-bench --corpus DIR [--write-results]   (DIR holds *.jsonl of {title, body, date?})');
    process.exit(2);
  }
  const articles = await readArticles(dir);
  const n = articles.length;
  const load = time(() => loadGazetteer());
  const gazetteer = loadGazetteer();

  let leadChars = 0;
  let summaryChars = 0;
  const facts: Facts[] = [];
  const baseline = time(() => {
    for (const a of articles) leadChars += leadThree(a.body).length;
  });
  const summaries = time(() => {
    for (const a of articles) summaryChars += summarize({ title: a.title, body: a.body }).length;
  });
  const factsRun = time(() => {
    for (const a of articles) facts.push(extractFacts(a, gazetteer));
  });
  const both = time(() => {
    for (const a of articles) {
      summarize({ title: a.title, body: a.body });
      extractFacts(a, gazetteer);
    }
  });

  const rate = (t: Timing): string => `${Math.round(n / t.seconds).toLocaleString('en')} (${Math.round(n / t.cpuSeconds).toLocaleString('en')} per CPU-s)`;
  const share = (f: (x: Facts) => boolean): string => `${((100 * facts.filter(f).length) / n).toFixed(1)}%`;
  const lines = [
    `Run ${new Date().toISOString()} on ${os.platform()} ${os.release()}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(1)}.`,
    `Command: \`node --import tsx bench/summarize-bench.ts --corpus DIR\` on the shared news corpus (${n.toLocaleString('en')} articles).`,
    '',
    '| stage | items/s (wall) | total s | mean output chars |',
    '|---|---:|---:|---:|',
    `| baseline: lead-3 (first three sentences) | ${rate(baseline)} | ${baseline.seconds.toFixed(2)} | ${Math.round(leadChars / n)} |`,
    `| summarize | ${rate(summaries)} | ${summaries.seconds.toFixed(2)} | ${Math.round(summaryChars / n)} |`,
    `| extractFacts | ${rate(factsRun)} | ${factsRun.seconds.toFixed(2)} | |`,
    `| summarize + extractFacts | ${rate(both)} | ${both.seconds.toFixed(2)} | |`,
    '',
    `Gazetteer load (once per process): ${(load.seconds * 1000).toFixed(0)} ms wall, ${(load.cpuSeconds * 1000).toFixed(0)} ms CPU. Target: ≥ 200 items/s for summary + facts.`,
    `Facts found: places ${share((f) => f.places.length > 0)}, killed ${share((f) => f.killed !== null)}, injured ${share((f) => f.injured !== null)}, when ${share((f) => f.when !== null)}, attribution ${share((f) => f.attribution !== null)} of articles (the corpus is mostly business, sport and politics news).`,
  ];
  const report = lines.join('\n');
  console.log(report);
  if (process.argv.includes('--write-results')) await writeResults('Throughput', report);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
