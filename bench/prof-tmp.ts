import { readFileSync } from 'node:fs';
import { createStoryIndex } from '../src/stories/story-index.ts';
const lines = [...readFileSync('/work/shared/corpus/news/reuters-21578.jsonl','utf8').split('\n').filter(Boolean).slice(0,8000), ...readFileSync('/work/shared/corpus/news/bbc-news-2225.jsonl','utf8').split('\n').filter(Boolean)].map(l=>JSON.parse(l));
function time(name: string, f: () => void) { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); console.log(name.padEnd(14), Math.round(lines.length/((c.user+c.system)/1e6)), 'items/cpu-s', ((c.user+c.system)/lines.length).toFixed(1), 'µs/item'); }
for (let rep=0; rep<3; rep++) {
time('assign', () => { const idx = createStoryIndex(); let t = Date.UTC(1987,1,1); for (const [i, r] of lines.entries()) idx.assign({key: String(i), source:'r', title:r.title??'', body:r.body??'', published:new Date(t+=600000), facts:null}); });
}
