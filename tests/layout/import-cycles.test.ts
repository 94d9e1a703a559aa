// No import cycles in src/: layers import one way, and types shared by two modules live in a file
// of their own rather than in one of the two.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findImportCycles } from './find-import-cycles.ts';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

describe('import cycles', () => {
  it('src/ has none', () => {
    expect(findImportCycles(SRC)).toEqual([]);
  });

  describe('the detector', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirewatch-cycles-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (path: string, text: string): void => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    };

    it('finds a cycle of type imports across folders, a dynamic import and a self-import', () => {
      write('a/shape.ts', "import type { Size } from '../b/size.ts';\nexport type Shape = { size: Size };\n");
      write('b/size.ts', "import type { Shape } from '../a/shape.ts';\nexport type Size = Shape | number;\n");
      write('c/lazy.ts', "export const load = () => import('./eager.ts');\n");
      write('c/eager.ts', "export { load } from './lazy.ts';\n");
      write('d/self.ts', "import './self.ts';\n");
      write('e/leaf.ts', "import { load } from '../c/lazy.ts';\nexport const x = load;\n");
      expect(findImportCycles(dir)).toEqual([
        ['a/shape.ts', 'b/size.ts'],
        ['c/eager.ts', 'c/lazy.ts'],
        ['d/self.ts'],
      ]);
    });
  });
});
