// The real worker on Postgres while connections are killed under it (pg_terminate_backend every
// 0.3 s) and while the server is unreachable for a while: it never crashes, retries what failed,
// loses and doubles no alert, and logs one line per change of the database's state.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { logLines } from '../support/run-cli.ts';
import { spawnWorker, waitFor, type WorkerProcess } from '../support/spawn-worker.ts';
import { createTestDatabase, startSwitchableProxy, TEST_POSTGRES_URL, type SwitchableProxy, type TestDatabase } from '../support/postgres-faults.ts';
import { rss } from '../e2e/delivery-harness.ts';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(TEST_POSTGRES_URL === null)('worker on Postgres under connection faults', () => {
  let feeds: FeedServer;
  let database: TestDatabase;
  let proxy: SwitchableProxy;
  let dir: string;
  let worker: WorkerProcess | null = null;

  beforeEach(async () => {
    feeds = await startFeedServer();
    database = await createTestDatabase(TEST_POSTGRES_URL ?? '');
    const target = new URL(TEST_POSTGRES_URL ?? '');
    proxy = await startSwitchableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-pg-faults-'));
  });
  afterEach(async () => {
    worker?.kill();
    await proxy.close();
    await Promise.all([feeds.close(), database.drop()]);
    await rm(dir, { recursive: true, force: true });
  });

  /** Publishes `count` matching items one by one while `during` runs, then waits for every alert. */
  async function start(): Promise<{ publish(n: number): void; titles(): string[] }> {
    const items: { guid: string; title: string }[] = [{ guid: 'old', title: 'Attack report baseline' }];
    const serve = (): void => feeds.route('/wire.xml', serveBody(rss(items.map((i, n) => ({ ...i, published: new Date(Date.UTC(2026, 0, 1, 0, n)) })))));
    serve();
    const config = join(dir, 'wirewatch.yaml');
    await writeFile(
      config,
      [
        `database: "${database.url(proxy.address)}"`,
        'feeds:',
        `  - { id: wire, url: "${feeds.url('/wire.xml')}", interval: 1s }`,
        'rules:',
        '  - { id: attacks, query: attack }',
        'destinations:',
        '  - { name: console, type: console }',
      ].join('\n'),
    );
    worker = spawnWorker(['--config', config, 'run'], { cwd: dir });
    const w = worker;
    await waitFor('the feed baselined', () => w.stderr().includes('feed baselined'), 30_000);
    return {
      publish(n: number) {
        items.push({ guid: `g${n}`, title: `Attack report ${n}` });
        serve();
      },
      titles: () => [...w.stdout().matchAll(/ALERT \[attacks\] (Attack report \d+)/g)].map((m) => m[1] ?? ''),
    };
  }

  it('survives connections killed every 0.3 s: no crash, every alert exactly once', { timeout: 120_000 }, async () => {
    const run = await start();
    const expected: string[] = [];
    let killing = true;
    const killer = (async () => {
      while (killing) {
        await database.admin('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database.name]);
        await sleep(300);
      }
    })();
    for (let n = 1; n <= 8; n += 1) {
      run.publish(n);
      expected.push(`Attack report ${n}`);
      await sleep(1_000);
    }
    killing = false;
    await killer;
    const w = worker!;
    await waitFor('every alert printed', () => run.titles().length >= expected.length || w.child.exitCode !== null, 60_000);
    await sleep(2_500); // a doubled alert would show by now
    expect(w.child.exitCode).toBe(null);
    expect(w.stderr()).not.toMatch(/Unhandled|uncaught/i);
    expect(run.titles()).toEqual(expected);
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  });

  it('logs one warning when Postgres becomes unreachable and one line when it is back, then catches up', { timeout: 120_000 }, async () => {
    const run = await start();
    const w = worker!;
    await proxy.down();
    run.publish(1);
    await sleep(6_000); // about six polls while unreachable
    await proxy.up();
    await waitFor('the alert after the outage', () => run.titles().length >= 1, 30_000);
    await sleep(1_500);
    expect(run.titles()).toEqual(['Attack report 1']);
    const lines = logLines(w.stderr());
    const down = lines.filter((l) => l.msg === 'database unreachable; retrying');
    const back = lines.filter((l) => l.msg === 'database reachable again');
    expect(down).toHaveLength(1);
    expect(back).toHaveLength(1);
    expect(lines.filter((l) => typeof l.level === 'number' && l.level >= 50)).toEqual([]); // no error-level stack per poll
    expect(w.stderr()).not.toMatch(/\n\s+at /); // no stack trace
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  });
});
