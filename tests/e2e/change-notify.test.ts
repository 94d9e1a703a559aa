// Two `wirewatch run` processes on one Postgres: a feed added through the command core (as a slash
// command would, from a third process) is polled within about a second, through LISTEN/NOTIFY,
// instead of at the workers' next periodic reload (every 5 s).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatFeedFetch } from '../../src/commands/chat-feed-fetch.ts';
import { parseCommandText } from '../../src/commands/command-input.ts';
import { runCommand } from '../../src/commands/run-command.ts';
import { DEFAULT_FETCH_OPTIONS } from '../../src/feeds/fetch/fetch-feed.ts';
import { openDatabase, type OpenDatabase } from '../../src/store/open-database.ts';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres-database.ts';
import { workerProcesses } from '../support/worker-processes.ts';
import { POSTGRES_SKIP_REASON, POSTGRES_URL } from '../store/dialects.ts';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback News</title><item><title>One</title><guid>1</guid></item></channel></rss>';
/** Well under the 5 s reload: only a wake-up meets it every time. */
const WITHIN_MS = 2_500;

async function until(what: string, timeoutMs: number, done: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`test: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(POSTGRES_URL === null)(POSTGRES_URL === null ? POSTGRES_SKIP_REASON : 'a feed added from chat wakes idle workers (Postgres LISTEN/NOTIFY)', () => {
  const workers = workerProcesses();
  let database: TestDatabase;
  let server: FeedServer;
  let dir: string;
  let db: OpenDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(POSTGRES_URL ?? '');
    server = await startFeedServer();
    server.route('/config.xml', serveBody(RSS));
    for (const n of [1, 2, 3]) server.route(`/added-${n}.xml`, serveBody(RSS));
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-notify-'));
    await writeFile(join(dir, 'w.yaml'), ['interval: 300', 'destinations: []', 'rules: []', 'feeds:', `  - url: ${server.origin}/config.xml`, ''].join('\n'));
    db = await openDatabase({ url: database.url });
  });

  afterAll(async () => {
    workers.killAll();
    await db?.close();
    await server?.close();
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('polls each added feed within about a second', async () => {
    for (let i = 0; i < 2; i++) workers.start(join(dir, 'w.yaml'), dir, { DATABASE_URL: database.url });
    // Both workers run and listen (their LISTEN connection's last statement).
    await until('both workers listening', 30_000, async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'listen wirewatch_changes'`.execute(db.dialect.db);
      return (rows[0]?.n ?? 0) >= 2;
    });

    const { store } = db;
    const deps = {
      settings: db.settings,
      archive: db.archive,
      store,
      // The loopback server stands in for a public host here; the workers' own fetch keeps the guard.
      testFetch: createChatFeedFetch({ ...DEFAULT_FETCH_OPTIONS, totalTimeoutMs: 5_000 }, { exempt: ['127.0.0.1'] }),
      version: 'test',
      defaultIntervalSeconds: 300,
    };
    const context = { user: 'U1', canManage: true, channel: null, now: new Date() };
    for (const n of [1, 2, 3]) {
      const parsed = parseCommandText(`feeds add ${server.origin}/added-${n}.xml`);
      if (parsed.kind !== 'ok') throw new Error('test: does not parse');
      const reply = await runCommand(parsed.command, context, deps);
      expect(reply).toMatchObject({ error: false });
      const added = Date.now();
      // The first poll is recorded on the feed (refused by the workers' SSRF guard: a loopback address).
      await until(`a first poll of added-${n}`, 15_000, async () => {
        const state = (await store.listFeedStates()).find((s) => s.url.endsWith(`/added-${n}.xml`));
        return Boolean(state?.lastErrorAt ?? state?.lastSuccessAt);
      });
      expect(Date.now() - added).toBeLessThan(WITHIN_MS);
    }
  }, 60_000);
});
