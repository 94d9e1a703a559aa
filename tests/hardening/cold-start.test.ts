// Two workers started at the same moment on an empty database (SQLite file, and Postgres when
// WIREWATCH_TEST_DATABASE_URL is set): both migrate, seed and poll without an error, every time.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from '../support/postgres-faults.ts';
import { rss } from '../e2e/delivery-harness.ts';

const TRIALS = 3;

describe('two workers cold-starting on an empty database', () => {
  let dir: string;
  const databases: TestDatabase[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-cold-'));
    await writeFile(join(dir, 'feed.xml'), rss([{ guid: 'a', title: 'Attack report' }]));
  });
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
    await rm(dir, { recursive: true, force: true });
  });

  async function raceTwo(database: string, trial: string): Promise<void> {
    const config = join(dir, `${trial}.yaml`);
    const rules = Array.from({ length: 20 }, (_, i) => `  - { id: rule-${i}, query: "attack${i}" }`);
    await writeFile(config, [`database: "${database}"`, 'feeds:', '  - { id: local, url: ./feed.xml }', 'rules:', ...rules].join('\n'));
    const runs = await Promise.all([0, 1].map(() => runCli(['--config', config, 'run', '--once'], { cwd: dir })));
    for (const run of runs) {
      expect(run.stderr).not.toMatch(/duplicate key|database is locked|SQLITE_BUSY|\n\s+at /);
      expect(run.status, run.stderr).toBe(0);
    }
  }

  it('on SQLite', { timeout: 180_000 }, async () => {
    for (let trial = 0; trial < TRIALS; trial += 1) await raceTwo(join(dir, `sqlite-${trial}`, 'w.db'), `sqlite-${trial}`);
  });

  it.skipIf(TEST_POSTGRES_URL === null)('on Postgres', { timeout: 180_000 }, async () => {
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const database = await createTestDatabase(TEST_POSTGRES_URL ?? '');
      databases.push(database);
      await raceTwo(database.url(), `pg-${trial}`);
    }
  });
});
