// Precision and recall of incident facts (places by country, killed, injured) on the labelled
// real-news cases of tests/summarize/facts-cases.ts, against what extractFacts gives today.
// Usage: node --import tsx bench/facts-accuracy.ts [--write-results]

import { pathToFileURL } from 'node:url';
import { FACTS_CASES } from '../tests/summarize/facts-cases.ts';
import { extractFacts } from '../src/summarize/extract-facts.ts';
import { loadGazetteer } from '../src/geo/gazetteer.ts';
import { writeResults } from './summarize-bench.ts';

interface Tally {
  correct: number;
  predicted: number;
  expected: number;
}

const newTally = (): Tally => ({ correct: 0, predicted: 0, expected: 0 });

/** A stated toll: right when equal; a wrong or unwanted figure counts against precision. */
function countToll(t: Tally, got: number | null, want: number | null): void {
  if (got !== null) t.predicted++;
  if (want !== null) t.expected++;
  if (got !== null && got === want) t.correct++;
}

function row(name: string, t: Tally): string {
  const pct = (a: number, b: number): string => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);
  return `| ${name} | ${pct(t.correct, t.predicted)} (${t.correct}/${t.predicted}) | ${pct(t.correct, t.expected)} (${t.correct}/${t.expected}) |`;
}

function main(): void {
  const gazetteer = loadGazetteer();
  const places = newTally();
  const killed = newTally();
  const injured = newTally();
  let judged = 0;
  for (const c of FACTS_CASES) {
    const facts = extractFacts({ title: c.title, body: c.body, published: null }, gazetteer);
    countToll(killed, facts.killed, c.killed);
    countToll(injured, facts.injured, c.injured);
    if (c.places === null) continue;
    judged++;
    const got = new Set(facts.places.map((p) => p.country));
    const want = new Set(c.places);
    places.predicted += got.size;
    places.expected += want.size;
    for (const code of got) if (code !== null && want.has(code)) places.correct++;
  }
  const report = [
    `Command: \`node --import tsx bench/facts-accuracy.ts\`: ${FACTS_CASES.length} labelled excerpts of real news (Reuters-21578, BBC News, 2022 feed captures), ${judged} of them with a judged scene. Places are compared by country; a toll is right when it equals the label.`,
    '',
    '| fact | precision | recall |',
    '|---|---:|---:|',
    row('places (countries)', places),
    row('killed', killed),
    row('injured', injured),
  ].join('\n');
  console.log(report);
  if (process.argv.includes('--write-results')) void writeResults('Facts accuracy (labelled cases)', report);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
