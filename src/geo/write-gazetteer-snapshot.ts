// Build step: writes the gazetteer's snapshot next to the compiled gazetteer (`npm run build`
// runs `node dist/geo/write-gazetteer-snapshot.js`), so a built wirewatch reads a ready table at
// start instead of assembling it from the place packages. Sources run under tsx build it live.
import { writeFileSync } from 'node:fs';
import { buildEntries } from './build-entries.ts';
import { encodeSnapshot } from './gazetteer-snapshot-codec.ts';
import { SNAPSHOT_FILE } from './gazetteer-snapshot-file.ts';

const built = buildEntries();
const text = encodeSnapshot(built);
writeFileSync(SNAPSHOT_FILE, text);
process.stdout.write(`gazetteer snapshot: ${built.entries.length} entries, ${text.length} characters\n`);
