// `wirewatch check` end to end through the real command (docs/check-output.md).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const WORLD = fileURLToPath(new URL('../fixtures/e2e/world-news.xml', import.meta.url));

interface CheckLine {
  rule: string;
  item: { key: string; title: string; link: string | null; published: string | null; source: string };
  matched: { term: string; field: string; start: number; end: number }[];
  summary: string;
  facts: unknown;
  story: string;
}

function lines(stdout: string): CheckLine[] {
  return stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as CheckLine);
}

describe('wirewatch check', () => {
  let dir: string;
  let rules: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-check-'));
    rules = join(dir, 'rules.yaml');
    await writeFile(rules, `rules:\n  - id: iraq-rocket\n    query: '"rocket attack" AND Iraq'\n`);
  });

  it('prints the Kirkuk match in the contract shape', async () => {
    const run = await runCli(['check', '--rules', rules, '--json', WORLD], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [line, ...rest] = lines(run.stdout);
    expect(rest).toEqual([]);
    expect(Object.keys(line!)).toEqual(['rule', 'item', 'matched', 'summary', 'facts', 'story']);
    expect(line).toMatchObject({
      rule: 'iraq-rocket',
      item: {
        key: 'guid:wire-2019-12-27-kirkuk',
        title: 'Contractor killed in rocket attack on Iraqi base in Kirkuk',
        link: 'https://news.example.org/world/kirkuk-rocket-attack',
        published: '2019-12-27T19:30:00.000Z',
        source: 'Example World Wire',
      },
    });
    expect(line!.matched).toContainEqual({ term: 'rocket attack', field: 'title', start: 3, end: 5 });
    expect(line!.summary.length).toBeGreaterThan(0);
    expect(line!.summary.length).toBeLessThanOrEqual(600);
    expect(typeof line!.story).toBe('string');
  });

  it('reports every item with --all, as rule "*" with nothing matched', async () => {
    const run = await runCli(['check', '--rules', rules, '--all', '--json', WORLD], { cwd: dir });
    const all = lines(run.stdout).filter((l) => l.rule === '*');
    expect(all.map((l) => l.item.key)).toEqual(['guid:wire-2019-12-26-rates', 'guid:wire-2019-12-27-kirkuk', 'guid:wire-2019-12-27-museum']);
    expect(all.every((l) => l.matched.length === 0)).toBe(true);
  });

  it('reads standard input for "-"', async () => {
    const { readFile } = await import('node:fs/promises');
    const run = await runCli(['check', '--rules', rules, '--json', '-'], { cwd: dir, stdin: await readFile(WORLD, 'utf8') });
    expect(run.status).toBe(0);
    expect(lines(run.stdout).map((l) => l.rule)).toEqual(['iraq-rocket']);
  });

  it('exits 1 for an unreadable source but still reports the others', async () => {
    const run = await runCli(['check', '--rules', rules, '--json', join(dir, 'missing.xml'), WORLD], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('missing.xml: file not found');
    expect(lines(run.stdout)).toHaveLength(1);
  });

  it('exits 2 for a bad rule, naming the rule and column, without a stack trace', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, `rules:\n  - id: good\n    query: Iraq\n  - id: broken\n    query: '"rocket attack AND Iraq'\n  - id: mixed\n    query: 'a AND b OR c'\n`);
    const run = await runCli(['check', '--rules', bad, '--json', WORLD], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('broken');
    expect(run.stderr).toContain('unclosed quote');
    expect(run.stderr).toContain('mixed');
    expect(run.stderr).toContain('(a AND b) OR c');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for an invalid config, naming the file and key path', async () => {
    const config = join(dir, 'bad-config.yaml');
    await writeFile(config, 'feeds:\n  - url: https://example.org/rss\n    backfill: -1\n');
    const run = await runCli(['--config', config, 'check', WORLD], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${config}: feeds[0].backfill:`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints a readable report without --json', async () => {
    const run = await runCli(['check', '--rules', rules, WORLD], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ALERT [iraq-rocket] Contractor killed in rocket attack on Iraqi base in Kirkuk');
    expect(run.stdout).toContain('3 item(s) from 1 source(s), 1 match(es)');
  });
});
