import { articleSentences } from './src/summarize/article-sentences.ts';
import { readFileSync } from 'node:fs';
const t = readFileSync('/work/shared/fixtures/kirkuk-rocket-attack-2019-12-27.txt', 'utf8');
for (const s of articleSentences(t)) console.log(s.index, JSON.stringify(s.text));
for (const b of ['BAGHDAD (Reuters) - A bomb exploded. Plus: more', 'LONDON, Dec 27 - Shares fell.', 'Baghdad, Dec. 27 (Reuters) - Rockets hit.', 'US officials said.', 'By John Smith\nThe war.\nRead more: here\nShare this article']) console.log(articleSentences(b).map((s) => s.text));
