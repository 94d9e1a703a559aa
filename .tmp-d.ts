import { loadGazetteer } from './src/geo/gazetteer.ts';
import { splitWords } from './src/text/words.ts';
import { readFileSync } from 'node:fs';
const m0 = process.memoryUsage().heapUsed;
const t0 = performance.now();
const g = loadGazetteer();
console.log('load', (performance.now() - t0).toFixed(0), 'ms heap', ((process.memoryUsage().heapUsed - m0) / 1e6).toFixed(1), 'MB');
console.log(g.country('Iraq'), g.country('IQ'), g.country('iraqi'), g.namesInCountry('IQ').length);
for (const t of ['Kirkuk', 'Baghdad', 'Iraqi', 'nice weather', 'Nice, France', 'Mobile', 'Tripoli', 'Washington', 'The weather is nice. Nice weather today.', 'Obama said', 'in Obama', 'US troops', 'us']) {
  const w = splitWords(t);
  console.log(JSON.stringify(t), g.findPlaces(w, t).map((m) => `${m.entry.name}/${m.entry.country}/${m.entry.kind}/${m.entry.confirm}[${m.candidates.map((c) => c.country).join(',')}]`).join(' '));
}
const txt = readFileSync('/work/shared/fixtures/kirkuk-rocket-attack-2019-12-27.txt', 'utf8');
const w = splitWords(txt);
console.log(g.findPlaces(w, txt).map((m) => `${m.entry.name}/${m.entry.country}/${m.entry.kind}`).join(' | '));
