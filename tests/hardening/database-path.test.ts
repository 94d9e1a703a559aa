// `database:` resolves against the config file's directory, like feed paths, so a command run from
// another directory reads the same database; read-only commands never create an empty one.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { rss } from '../e2e/delivery-harness.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'wirewatch-paths-'));
  await mkdir(join(root, 'conf'));
  await mkdir(join(root, 'elsewhere'));
  await writeFile(join(root, 'conf', 'feed.xml'), rss([{ guid: 'a', title: 'Attack report' }]));
  await writeFile(join(root, 'conf', 'w.yaml'), ['database: data/w.db', 'feeds:', '  - { id: local, url: feed.xml }', 'rules:', '  - { id: a, query: attack }'].join('\n'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

it('run and status from different directories use the one database beside the config', { timeout: 120_000 }, async () => {
  const config = join(root, 'conf', 'w.yaml');
  const run = await runCli(['--config', config, 'run', '--once'], { cwd: root });
  expect(run.status).toBe(0);
  expect(existsSync(join(root, 'conf', 'data', 'w.db'))).toBe(true);
  const status = await runCli(['--config', config, 'status', '--json'], { cwd: join(root, 'elsewhere') });
  expect(status.status).toBe(0);
  expect(JSON.parse(status.stdout)).toMatchObject({ feeds: { total: 1, ok: 1, neverPolled: 0 } });
  expect(existsSync(join(root, 'elsewhere', 'data'))).toBe(false);
  expect(existsSync(join(root, 'data'))).toBe(false);
});

it.each([['status'], ['feeds']])('%s refuses to create a missing database: one line, exit 2', { timeout: 60_000 }, async (command) => {
  const config = join(root, 'elsewhere', 'new.yaml');
  await writeFile(config, ['database: fresh/w.db', 'feeds: []', 'rules: []'].join('\n'));
  const result = await runCli(['--config', config, command], { cwd: root });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('no SQLite database at');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(join(root, 'elsewhere', 'fresh'))).toBe(false);
});
