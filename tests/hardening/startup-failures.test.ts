// Start-up failures through the real command: one line naming the cause, exit status 2, no stack
// trace, no secret. Disk full is staged with SQLite's max_page_count (no real disk is filled).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { describeFailure } from '../../src/cli/startup-failure.ts';
import { sql } from 'kysely';
import { openDialect, storeOf } from '../../src/store/open-store.ts';

describe('start-up failures', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-startup-'));
    await writeFile(join(dir, 'a-file'), 'not a directory');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const ALIAS_BOMB = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n');

  it.each([
    ['Postgres unreachable', 'database: "postgres://wirewatch:s3cret-pw@127.0.0.1:1/wirewatch"', /cannot open the database postgres:\/\/\[redacted\]@127\.0\.0\.1:1\/wirewatch: .*ECONNREFUSED/],
    ['SQLite directory cannot be created', 'database: A_FILE/sub/w.db', /cannot open the database .*a-file\/sub\/w\.db: .*ENOTDIR/],
    ['SQLite directory read-only', 'database: /proc/wirewatch.db', /cannot open the database \/proc\/wirewatch\.db: /],
    ['YAML alias bomb', ALIAS_BOMB, /YAML error: too many aliases/],
  ])('%s: one line, exit 2', async (_name, line, expected) => {
    const config = join(dir, 'w.yaml');
    await writeFile(config, [line.replace('A_FILE', join(dir, 'a-file')), 'feeds: []', 'rules: [{ id: a, query: attack }]'].join('\n'));
    const run = await runCli(['--config', config, 'run', '--once'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(/\n\s+at |s3cret-pw/);
    expect(run.stderr.trim().split('\n').filter((l) => !l.startsWith('{')).length).toBeLessThanOrEqual(2);
  });

  it('says "disk full" when the database cannot grow during migration', async () => {
    const path = join(dir, 'full.db');
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    raw.close();
    const dialect = await openDialect({ url: path });
    await sql`pragma max_page_count = 3`.execute(dialect.db); // this connection may not grow the file past 3 pages
    const failure = await storeOf(dialect).migrate().then(() => null, (error: unknown) => error);
    await dialect.db.destroy();
    expect(describeFailure(failure)).toMatch(/^store: migration failed: .*disk full/);
  });
});
