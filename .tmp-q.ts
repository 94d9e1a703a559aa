import { extractFacts } from './src/summarize/extract-facts.ts';
import { loadGazetteer } from './src/geo/gazetteer.ts';
import { readFileSync } from 'node:fs';
const body = readFileSync('/work/shared/fixtures/kirkuk-rocket-attack-2019-12-27.txt', 'utf8');
console.log(JSON.stringify(extractFacts({ title: '', body, published: new Date('2019-12-27T12:00:00Z') }, loadGazetteer()), null, 1));
console.log(JSON.stringify(extractFacts({ title: 'Rocket attack on Iraq base kills US contractor', body, published: new Date('2019-12-28T08:00:00Z') }, loadGazetteer())));
