import { loadGazetteer } from './src/geo/gazetteer.ts';
import { splitWords } from './src/text/words.ts';
import { readFileSync } from 'node:fs';
const g = loadGazetteer();
const counts = new Map<string, number>();
const file = process.argv[2] ?? '';
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const t0 = performance.now();
for (const line of lines) {
  const { body } = JSON.parse(line) as { body: string };
  for (const m of g.findPlaces(splitWords(body), body)) {
    const k = `${m.entry.name}/${m.entry.country}/${m.entry.kind}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
}
console.log('ms', (performance.now() - t0).toFixed(0), lines.length);
console.log([...counts].sort((a, b) => b[1] - a[1]).slice(0, 400).map(([k, n]) => `${k}:${n}`).join('  '));
