// `wirewatch rules test` and `rules list` through the real command.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const ARTICLE = 'Rockets hit base in Kirkuk\nA rocket attack in northern Iraq killed a contractor on Friday.\n';

describe('wirewatch rules', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-rules-'));
    await writeFile(join(dir, 'article.txt'), ARTICLE);
  });

  it('highlights what fired', async () => {
    const run = await runCli(['rules', 'test', '"rocket attack" AND Iraq', '--text', join(dir, 'article.txt')], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('body: A [[rocket attack]] in northern [[Iraq]] killed');
    expect(run.stdout).toContain('FIRED');
  });

  it('names the clause that failed, reading the text from stdin', async () => {
    const run = await runCli(['rules', 'test', '"rocket attack" AND Syria'], { cwd: dir, stdin: ARTICLE });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('DID NOT FIRE: this clause is false: Syria');
  });

  it('rejects a bad query with its column and a hint', async () => {
    const run = await runCli(['rules', 'test', 'rocket AND'], { cwd: dir, stdin: ARTICLE });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/column \d+/);
    expect(run.stderr).toContain('expected a term after AND');
  });

  it('lists the configured rules', async () => {
    await writeFile(join(dir, 'w.yaml'), `rules:\n  - id: iraq-rocket\n    query: '"rocket attack" AND Iraq'\n`);
    const run = await runCli(['--config', join(dir, 'w.yaml'), 'rules', 'list'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('iraq-rocket\t"rocket attack" AND Iraq\n');
  });
});
