// Where the build puts the gazetteer's snapshot: beside the compiled modules of this folder.
// Under tsx (development, tests) the file is absent and the gazetteer is built live.
import { readFileSync } from 'node:fs';
import { buildEntries, type BuiltEntries } from './build-entries.ts';
import { decodeSnapshot } from './gazetteer-snapshot-codec.ts';

export const SNAPSHOT_FILE = new URL('./gazetteer-snapshot.json', import.meta.url);

/** The snapshot when the build wrote one, else a fresh build from the place packages. */
export function readEntries(): BuiltEntries {
  let text: string;
  try {
    text = readFileSync(SNAPSHOT_FILE, 'utf8');
  } catch {
    return buildEntries();
  }
  return decodeSnapshot(text);
}
