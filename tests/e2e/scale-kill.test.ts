// Three `wirewatch run` processes on one Postgres and a loopback farm of feeds, one of them killed
// with SIGKILL every few seconds and restarted: every feed is still polled within its interval plus
// one lease period, every matching item is alerted exactly once, and the Slack front end (Socket
// Mode) moves to a live worker, with slash commands answered before and after.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedFarm, type FeedFarm } from '../support/feed-farm.ts';
import { startSlackEmulator, type SlackEmulator } from '../support/slack-emulator.ts';
import { startSlackSocketMode, type SlackSocketMode } from '../support/slack-socket-emulator.ts';
import { addResponseUrls, type ResponseUrls } from '../support/slack-requests.ts';
import { POSTGRES_SKIP_REASON, POSTGRES_URL } from '../store/dialects.ts';

const BIN = fileURLToPath(new URL('../../bin/wirewatch.js', import.meta.url));
const APP_TOKEN = 'xapp-1-A0WIREWATCH-test';
const FEEDS = 30;
const INTERVAL_S = 3;
const LEASE_S = 4;
const PUBLISH_MS = 12_000;
/** Scheduling slack on a loaded machine: the tick, the poll itself, a process starved for a moment. */
const SLACK_S = 4;

let farm: FeedFarm;
let slack: SlackEmulator;
let socket: SlackSocketMode;
let urls: ResponseUrls;
let dir: string;
let admin: pg.Client;
let databaseUrl: string;
const database = `wirewatch_kill_${process.pid}`;
const children = new Set<ChildProcess>();

describe.skipIf(POSTGRES_URL === null)('three workers on one Postgres, one killed every few seconds', () => {
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: POSTGRES_URL ?? '' });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.query(`create database ${database}`);
    const url = new URL(POSTGRES_URL ?? '');
    url.pathname = `/${database}`;
    databaseUrl = url.href;
    farm = await startFeedFarm({ feeds: FEEDS, hosts: 6, changeFraction: 0.3, matchEvery: 3, itemsPerFeed: 10, itemBytes: 200 });
    slack = await startSlackEmulator({ channels: ['C0NEWSROOM'] });
    urls = addResponseUrls(slack);
    socket = await startSlackSocketMode(slack, APP_TOKEN);
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-kill-'));
    const config = [
      `interval: ${INTERVAL_S}`,
      `leaderLease: 5s`,
      `fetch: { timeout: 3s, connectTimeout: 3s, lease: ${LEASE_S}s }`,
      'destinations: [{ name: console, type: console }]',
      'rules:',
      `  - { id: kirkuk, query: '"rocket attack" AND Kirkuk' }`,
      'feeds:',
      ...farm.urls.map((u) => `  - url: ${u}`),
    ];
    await writeFile(join(dir, 'w.yaml'), `${config.join('\n')}\n`);
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all([farm?.close(), socket?.close(), slack?.close()]);
    await admin?.query(`drop database if exists ${database} with (force)`);
    await admin?.end();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A worker process; `running` settles once it logged that it polls (or it exited). */
  function startWorker(): ChildProcess & { running: Promise<void> } {
    const child = spawn(process.execPath, [BIN, '--config', join(dir, 'w.yaml'), 'run'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        WIREWATCH_LOG_LEVEL: 'info',
        DATABASE_URL: databaseUrl,
        SLACK_BOT_TOKEN: slack.token,
        SLACK_APP_TOKEN: APP_TOKEN,
        WIREWATCH_SLACK_API: slack.apiUrl,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const running = new Promise<void>((resolve) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('wirewatch running')) resolve();
      });
      child.once('exit', () => resolve());
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    return Object.assign(child, { running });
  }

  const query = async <T extends pg.QueryResultRow>(text: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  };
  const chatLeader = async (): Promise<string | null> =>
    (await query<{ owner: string }>(`select owner from leases where name = 'chat-front-ends' and until > ${Date.now()}`))[0]?.owner ?? null;
  const askStatus = async (): Promise<void> => {
    const url = urls.create();
    await socket.connected(15_000);
    await socket.deliver('slash_commands', {
      token: 'deprecated', team_id: 'T0EMULATOR', team_domain: 'emulator', channel_id: 'C0NEWSROOM', channel_name: 'newsroom', user_id: 'U0SOMEONE',
      user_name: 'someone', command: '/news', text: 'status', api_app_id: 'A0WIREWATCH', is_enterprise_install: 'false', response_url: url, trigger_id: 't',
    });
    const [answer] = await urls.waitFor(url, 1, 10_000);
    expect(answer?.response_type).toBe('in_channel');
  };

  it('polls every feed on time, alerts every matching item once, and keeps answering slash commands', async () => {
    // One worker migrates the empty database first (concurrent cold starts are the start-up lock's concern).
    const workers = [startWorker()];
    await until('the schema', async () => (await query('select 1 from feeds limit 1')).length >= 0, 40_000);
    workers.push(startWorker(), startWorker());
    await Promise.all(workers.map((w) => w.running));
    await until('every feed baselined', async () => Number((await query<{ n: string }>('select count(*) as n from feeds where baselined = 1'))[0]?.n) === FEEDS, 40_000);
    await askStatus();
    const firstLeader = await chatLeader();
    expect(firstLeader).not.toBeNull();

    farm.publishing(true);
    farm.stats.recordGaps = true;
    const publishingSince = Date.now();
    // Kill a random worker every few seconds (the chat leader once, on purpose), restarting it at once;
    // the next kill waits until the restarted one runs, so two of three stay up on a slow machine.
    for (let round = 0; round < 3; round++) {
      await sleep(2000);
      const leaderPid = Number((await chatLeader())?.split(':')[1] ?? Number.NaN);
      const victim = round === 1 ? workers.findIndex((w) => w.pid === leaderPid) : Math.floor(Math.random() * workers.length);
      const index = victim < 0 ? 0 : victim;
      workers[index]?.kill('SIGKILL');
      const restarted = startWorker();
      workers[index] = restarted;
      await restarted.running;
    }
    // Publishing lasts at least PUBLISH_MS however fast the restarts were, so that enough matching
    // items appear (about one a second).
    await sleep(Math.max(0, PUBLISH_MS - (Date.now() - publishingSince)));
    farm.publishing(false);
    // Items served up to now reach the store within an interval plus a lease.
    await sleep((INTERVAL_S + LEASE_S + SLACK_S) * 1000);
    farm.stats.recordGaps = false;

    await askStatus(); // the front end moved to a live worker
    expect(await chatLeader()).not.toBe(firstLeader);

    const worst = Math.max(...farm.stats.gaps) / 1000;
    expect(worst).toBeLessThanOrEqual(INTERVAL_S * 1.02 + LEASE_S + SLACK_S);

    // No item alerted twice; every matching item stored, and every incident (story) among them alerted.
    // Two matching items of one feed tell one incident here (same place, same headline): one alert, not two.
    const alerted = await query<{ key: string; n: string }>(`select i.key, count(*) as n from alerts a join items i on i.id = a.item_id group by i.key`);
    expect(alerted.filter((r) => Number(r.n) !== 1)).toEqual([]);
    const matching = new Set([...farm.matchingPublished()].map((guid) => `guid:${guid}`));
    const stored = await query<{ key: string; story_id: string | null }>('select key, story_id from items');
    const storedMatching = stored.filter((r) => matching.has(r.key));
    expect(new Set(storedMatching.map((r) => r.key))).toEqual(matching);
    const alertedStories = new Set((await query<{ story_id: string }>('select distinct story_id from alerts')).map((r) => r.story_id));
    expect(storedMatching.filter((r) => r.story_id === null || !alertedStories.has(r.story_id))).toEqual([]);
    expect(farm.matchingPublished().size).toBeGreaterThan(5);
  }, 120_000);
});

if (POSTGRES_URL === null) it.skip(POSTGRES_SKIP_REASON, () => undefined);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`test: timed out waiting for ${what}`);
    await sleep(200);
  }
}
