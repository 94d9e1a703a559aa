import { loadGazetteer } from './src/geo/gazetteer.ts';
const g = loadGazetteer();
for (const n of process.argv.slice(2)) console.log(n, g.lookup([n], 0).slice(0, 4).map((e) => `${e.name}/${e.country}/${e.kind}/${e.population}/${e.confirm}`).join(' ; '));
