// Two rules of the import direction (docs/architecture.md): the shared nouns in domain/ import
// nothing else of the project, and the configuration does not reach into the alert stages (route
// types are domain nouns).
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGraph } from './find-import-cycles.ts';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const graph = importGraph(SRC);

/** "from → to" for every import of a file in `folder` that lands in one of `forbidden` (null: outside `folder`). */
function importsFrom(folder: string, forbidden: readonly string[] | null): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    const from = relative(SRC, file).split(sep);
    if (from[0] !== folder) continue;
    for (const target of targets) {
      const to = relative(SRC, target).split(sep);
      const bad = forbidden === null ? to[0] !== folder : forbidden.includes(to[0] ?? '');
      if (bad) found.push(`${from.join('/')} → ${to.join('/')}`);
    }
  }
  return found;
}

describe('import direction', () => {
  it('sees the imports it checks', () => {
    expect(importsFrom('alerts', ['domain']).length).toBeGreaterThan(0);
  });

  it('domain/ imports only domain/', () => {
    expect(importsFrom('domain', null)).toEqual([]);
  });

  it('config/ imports none of alerts/, worker/, commands/', () => {
    expect(importsFrom('config', ['alerts', 'worker', 'commands'])).toEqual([]);
  });
});
