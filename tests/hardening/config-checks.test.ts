// Configurations that used to be accepted silently: two feeds sharing an id (exit 2, both named), no
// feeds or no rules (a warning at start), rule words that can never fire because of look-alike
// letters or invisible characters (refused with rule id, column and hint), fullwidth operators (warned).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRules } from '../../src/rules/compile-rules.ts';
import { ruleWarnings } from '../../src/rules/rule-warnings.ts';
import { logLines, runCli } from '../support/run-cli.ts';

describe('rule words that can never fire', () => {
  it.each([
    ['a Cyrillic А in AND', 'rocket АND Iraq', 8, 'mixes Cyrillic and Latin letters'],
    ['a Cyrillic а in Iraq', 'rocket AND Irаq', 12, 'mixes Latin and Cyrillic letters ("а" is Cyrillic U+0430)'],
    ['a Greek ο in a phrase', '"rocket attack" AND "Bοko Haram"', 22, 'mixes Latin and Greek letters'],
    ['a zero-width space', 'rocket AND Ir\u200Baq', 14, 'invisible character (U+200B'],
    ['a right-to-left override', 'rocket \u202EAND Iraq', 8, 'invisible character (U+202E'],
  ])('%s is refused with the rule id, column and a hint', (_name, query, column, hint) => {
    const compiled = compileRules([{ id: 'bad', query }]);
    expect(compiled.kind).toBe('invalid');
    const message = compiled.kind === 'invalid' ? (compiled.errors[0]?.message ?? '') : '';
    expect(message).toContain(`rule "bad", column ${column}:`);
    expect(message).toContain(hint);
  });

  it.each([
    ['Cyrillic words alone', 'Москва AND взрыв'],
    ['Greek and Latin in separate words', 'β-blocker OR TNF-α'],
    ['Japanese scripts together', '東京タワー'],
  ])('%s are fine', (_name, query) => {
    expect(compileRules([{ id: 'ok', query }]).kind).toBe('ok');
  });

  it('warns about a fullwidth operator read as a word', () => {
    expect(ruleWarnings([{ id: 'wide', query: 'rocket ＡＮＤ Iraq' }])).toEqual([
      'rule "wide", column 8: "ＡＮＤ" is read as a word, not the operator AND; type AND in plain capitals if an operator was meant',
    ]);
    expect(ruleWarnings([{ id: 'plain', query: 'rocket AND Iraq' }])).toEqual([]);
  });
});

describe('the real command', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-config-checks-'));
    await writeFile(join(dir, 'a.xml'), '<rss version="2.0"><channel><title>A</title></channel></rss>');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses two feeds with one id, naming both (exit 2)', async () => {
    const config = join(dir, 'dup.yaml');
    await writeFile(config, ['feeds:', '  - { id: wire, url: "https://a.example/rss?token=abc123secret" }', '  - { id: wire, url: "https://b.example/rss" }', 'rules: [{ id: r, query: attack }]'].join('\n'));
    const run = await runCli(['--config', config, 'run', '--once'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('feeds[1].id: feed id "wire" is used twice, by feeds[0] (https://a.example/rss?token=[redacted]) and feeds[1] (https://b.example/rss)');
    expect(run.stderr).not.toContain('abc123secret');
  });

  it('warns at start when there are no feeds or no rules, and about fullwidth operators', { timeout: 60_000 }, async () => {
    const config = join(dir, 'empty.yaml');
    await writeFile(config, [`database: ${join(dir, 'empty.db')}`, 'feeds: []', 'rules: [{ id: wide, query: "rocket ＡＮＤ Iraq" }]'].join('\n'));
    const noFeeds = await runCli(['--config', config, 'run', '--once'], { cwd: dir });
    const warnings = logLines(noFeeds.stderr).filter((l) => l.level === 40).map((l) => String(l.msg));
    expect(warnings.some((w) => w.startsWith('no feeds to poll'))).toBe(true);
    expect(warnings.some((w) => w.includes('"ＡＮＤ" is read as a word'))).toBe(true);
    await writeFile(config, [`database: ${join(dir, 'empty2.db')}`, 'feeds: [{ id: a, url: a.xml }]', 'rules: []'].join('\n'));
    const noRules = await runCli(['--config', config, 'run', '--once'], { cwd: dir });
    expect(logLines(noRules.stderr).some((l) => l.level === 40 && String(l.msg).startsWith('no rules'))).toBe(true);
  });
});
