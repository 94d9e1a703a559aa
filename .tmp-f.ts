const { buildEntries } = await import('./src/geo/build-entries.ts');
const t = performance.now(); buildEntries(); console.log(performance.now() - t);
