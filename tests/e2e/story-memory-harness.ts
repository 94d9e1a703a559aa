// One alert per incident across restarts and workers, through the real `wirewatch run` in child
// processes, the loopback feed server, the Discord emulator and the database (SQLite, or a fresh
// Postgres database). The scenarios live here; one test file per database, and one for two
// workers, runs them, so the three run side by side.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { handleWith, serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { startDiscordEmulator, type DiscordEmulator } from '../support/discord-emulator.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres-database.ts';
import { waitFor, workerProcesses } from '../support/worker-processes.ts';
import { rss, type RssItem } from './delivery-harness.ts';

const DCH = '100000000000000001';
const DAY = new Date(Date.now() - 3_600_000); // stories are remembered for 72 h after their last item

/** Five unrelated incidents; the storm feed re-issues them under new guids and links on every poll. */
const ARTICLES: readonly Omit<RssItem, 'guid'>[] = [
  { title: 'Rocket attack on base in Kirkuk: 1 killed', body: 'A rocket attack on a military base in Kirkuk, Iraq, killed one contractor on Friday, officials said. Several rockets struck the base near the city airport.' },
  { title: 'Flooding closes motorway near Leeds', body: 'Heavy rain flooded the M62 motorway near Leeds on Friday, closing it in both directions for several hours, police said.' },
  { title: 'Central bank raises interest rates again', body: 'The central bank raised its main interest rate by a quarter point on Friday, the third rise this year, citing stubborn inflation.' },
  { title: 'Museum reopens after two-year restoration', body: 'The city museum reopened to visitors on Friday after a two-year restoration of its roof and galleries, curators said.' },
  { title: 'Wildfire forces evacuations near Sacramento', body: 'A fast-moving wildfire forced hundreds of residents near Sacramento, California, to leave their homes on Friday, fire officials said.' },
].map((a, i) => ({ ...a, published: new Date(DAY.getTime() + i * 60_000) }));

const FOLLOW_UP: RssItem = {
  guid: 'b-kirkuk',
  title: 'Kirkuk rocket attack: toll rises to 3',
  body: 'A rocket attack on a military base in Kirkuk, Iraq, killed three people on Friday, officials said. Several rockets struck the base near the city airport.',
  published: new Date(DAY.getTime() + 30 * 60_000),
};

export interface StoryScenarios {
  /**
   * A feed that re-issues its items under new guids and links on every poll posts each article
   * once across a SIGTERM and a SIGKILL restart, and never edits a message with nothing new;
   * then a second outlet's report of an alerted incident edits the first alert.
   */
  readonly repostStormAcrossRestarts: (postgresUrl: string | null) => Promise<void>;
  /** Two workers on one Postgres that see two outlets' copies at once post once and edit once. */
  readonly twoWorkersOneStory: (postgresUrl: string) => Promise<void>;
}

/** Starts the feed server and the Discord emulator before each test of the calling file, and cleans up after. */
export function storyScenarios(): StoryScenarios {
  let feeds: FeedServer;
  let discord: DiscordEmulator;
  let dir: string;
  let database: TestDatabase | null = null;
  const workers = workerProcesses();

  beforeEach(async () => {
    feeds = await startFeedServer();
    discord = await startDiscordEmulator({ channels: [DCH] });
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-stories-'));
  });
  afterEach(async () => {
    workers.killAll();
    await Promise.all([feeds.close(), discord.close()]);
    await database?.drop();
    database = null;
    await rm(dir, { recursive: true, force: true });
  });

  function startWorker(config: string, databaseUrl: string | null): ChildProcess {
    const env = { DISCORD_TOKEN: discord.token, DISCORD_CHANNEL_ID: DCH, WIREWATCH_DISCORD_API: discord.apiUrl };
    return workers.start(config, dir, databaseUrl === null ? env : { ...env, DATABASE_URL: databaseUrl });
  }

  /** Waits until `path` has been polled `polls` more times. */
  async function morePolls(path: string, polls: number): Promise<void> {
    const target = feeds.requestsTo(path).length + polls;
    await waitFor(`${polls} polls of ${path}`, () => feeds.requestsTo(path).length >= target);
  }

  const posts = () => discord.requests().filter((r) => r.method === 'POST' && r.status === 200 && r.path.endsWith(`/channels/${DCH}/messages`));
  const edits = () => discord.requests().filter((r) => r.method === 'PATCH' && r.status === 200);
  /** Titles as displayed (the renderer escapes markdown with backslashes, which Discord hides). */
  const titles = () => discord.messages(DCH).map((m) => (m.embeds[0] as { title: string }).title.replace(/\\(.)/g, '$1'));

  async function writeConfig(lines: readonly string[]): Promise<string> {
    const config = join(dir, 'wirewatch.yaml');
    await writeFile(config, [`database: ${join(dir, 'wirewatch.db')}`, ...lines, 'destinations:', '  - { name: discord, type: discord, timeout: 2s }'].join('\n'));
    return config;
  }

  async function freshDatabase(postgresUrl: string | null): Promise<string | null> {
    if (postgresUrl === null) return null;
    database = await createTestDatabase(postgresUrl);
    return database.url;
  }

  return {
    async repostStormAcrossRestarts(postgresUrl) {
      const databaseUrl = await freshDatabase(postgresUrl);
      let poll = 0;
      feeds.route(
        '/storm.xml',
        handleWith((_req, res) => {
          poll += 1; // a CMS that puts a session in every guid and link
          res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
          res.end(rss(ARTICLES.map((a, i) => ({ ...a, guid: `a${i}-session-${poll}` })), 'Wire A'));
        }),
      );
      feeds.route('/b.xml', serveBody(rss([], 'Wire B')));
      const config = await writeConfig([
        // A SIGKILLed worker's feeds wait for its lease to lapse: keep that short here.
        'fetch: { timeout: 3s, lease: 4s }',
        'feeds:',
        `  - { id: storm, url: "${feeds.url('/storm.xml')}", interval: 1, backfill: 5 }`,
        `  - { id: b, url: "${feeds.url('/b.xml')}", interval: 1 }`,
        'rules:',
        '  - { id: everything, query: "friday" }',
      ]);

      const first = startWorker(config, databaseUrl);
      await waitFor('five posts', () => posts().length >= 5);
      await morePolls('/storm.xml', 3);
      await workers.stop(first, 'SIGTERM');
      expect(first.exitCode).toBe(0);

      const second = startWorker(config, databaseUrl);
      await morePolls('/storm.xml', 3);
      await workers.stop(second, 'SIGKILL');

      startWorker(config, databaseUrl);
      await morePolls('/storm.xml', 3);
      expect(posts()).toHaveLength(5);
      expect(edits()).toHaveLength(0);

      // Another outlet reports the Kirkuk attack with a higher toll: the first alert is edited and threaded.
      feeds.route('/b.xml', serveBody(rss([FOLLOW_UP], 'Wire B')));
      await waitFor('the follow-up edit', () => edits().length >= 1);
      await morePolls('/storm.xml', 2);
      await morePolls('/b.xml', 2);
      expect(posts()).toHaveLength(5);
      expect(edits()).toHaveLength(1);
      expect(titles()).toEqual(ARTICLES.map((a) => a.title));
      const [kirkuk] = discord.messages(DCH);
      expect(JSON.stringify(kirkuk?.embeds)).toContain('Wire B');
      expect(discord.messages(kirkuk?.id ?? '').map((m) => m.content.replace(/\\(.)/g, '$1'))).toEqual([expect.stringContaining('Death toll rises to 3 (was 1)')]);
    },
    async twoWorkersOneStory(postgresUrl) {
      const databaseUrl = await freshDatabase(postgresUrl);
      feeds.route('/a.xml', serveBody(rss([], 'Wire A')));
      feeds.route('/b.xml', serveBody(rss([], 'Wire B')));
      const config = await writeConfig([
        'feeds:',
        `  - { id: a, url: "${feeds.url('/a.xml')}", interval: 1 }`,
        `  - { id: b, url: "${feeds.url('/b.xml')}", interval: 1 }`,
        'rules:',
        '  - { id: kirkuk, query: "rocket attack" }',
      ]);
      startWorker(config, databaseUrl);
      startWorker(config, databaseUrl);
      await morePolls('/a.xml', 4);
      await morePolls('/b.xml', 4);
      const [kirkuk] = ARTICLES;
      feeds.route('/a.xml', serveBody(rss([{ ...kirkuk, guid: 'a-kirkuk', title: kirkuk?.title ?? '' }], 'Wire A')));
      feeds.route('/b.xml', serveBody(rss([{ ...kirkuk, guid: 'b-kirkuk', title: 'Contractor killed in rocket attack on Kirkuk base' }], 'Wire B')));
      await waitFor('a post and an edit', () => posts().length >= 1 && edits().length >= 1);
      await morePolls('/a.xml', 3);
      await morePolls('/b.xml', 3);
      expect(posts()).toHaveLength(1);
      expect(edits()).toHaveLength(1);
    },
  };
}
