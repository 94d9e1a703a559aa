// An alert stored but not yet printed when the process died is printed on the next start, once.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { runCli } from '../support/run-cli.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-recovery-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('delivers an alert left in the outbox by a process that died, exactly once', async () => {
  const database = join(dir, 'wirewatch.db');
  const config = join(dir, 'wirewatch.yaml');
  await writeFile(config, `database: ${database}\nfeeds: []\n`);

  // What a worker that died right after its transaction committed leaves behind: the item and
  // its alert are stored, the alert is claimed (in flight) but never marked sent.
  const store = await openStore({ url: database });
  await store.migrate();
  await store.syncFeeds([{ id: 'wire', url: 'https://news.example.org/rss', title: null, backfill: 0, intervalSeconds: 60 }]);
  const now = new Date();
  await store.saveItems('wire', {
    destinations: ['console'],
    fetch: { at: now, etag: null, lastModified: null, nextAttemptAt: now, title: 'Example World Wire' },
    entries: [
      {
        item: { key: 'guid:kirkuk', title: 'Contractor killed in rocket attack in Kirkuk', body: 'A rocket attack in northern Iraq killed a contractor.', link: 'https://news.example.org/kirkuk', published: now, publishedEstimated: false, source: 'Example World Wire' },
        alerts: [{ ruleId: 'iraq-rocket', matched: [{ term: 'rocket attack', field: 'title', start: 4, end: 6 }], summary: 'A rocket attack in northern Iraq killed a contractor.', facts: null, storyId: 'guid:kirkuk' }],
      },
    ],
  });
  const inFlight = await store.claimDeliveries('console', now, 10, 1);
  expect(inFlight).toHaveLength(1);
  await store.close();
  await new Promise((resolve) => setTimeout(resolve, 5)); // let the 1 ms lease lapse

  const first = await runCli(['--config', config, 'run', '--once'], { cwd: dir });
  const second = await runCli(['--config', config, 'run', '--once'], { cwd: dir });
  expect(first.status).toBe(0);
  expect(first.stdout.match(/ALERT \[iraq-rocket\] Contractor killed in rocket attack in Kirkuk/g)).toHaveLength(1);
  expect(second.stdout).toBe('');
});
