import { summarize } from './src/summarize/summarize.ts';
import { splitWords } from './src/text/words.ts';
import { readFileSync } from 'node:fs';
const body = readFileSync('/work/shared/fixtures/kirkuk-rocket-attack-2019-12-27.txt', 'utf8');
const s = summarize({ title: 'Rocket attack in Iraq kills US contractor', body });
console.log(s.length, s);
const idx = splitWords(body).findIndex((w) => w.text === 'esper');
const s2 = summarize({ title: 'x', body, matchedSentenceHint: { field: 'body', start: idx } });
console.log(s2.length, s2);
