// Scenarios declared by distinct-incidents-{sqlite,postgres}.test.ts, one file per database so they
// run side by side. Through the real `wirewatch run --once`, HTTP and the database:
// - wrong merges hide incidents: thirty reports of separate incidents in thirty cities, published
//   minutes apart under one headline template, are thirty alerts; a second outlet's report of
//   one of them is an edit, not a new alert;
// - two different articles that share one guid are both alerted, and the collision is logged once.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { logLines, runCli } from '../support/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres-database.ts';
import { POSTGRES_SKIP_REASON, POSTGRES_URL } from '../store/dialects.ts';
import { rss, type RssItem } from './delivery-harness.ts';

const CITIES = [
  ['Lagos', 'Nigeria'], ['Nairobi', 'Kenya'], ['Karachi', 'Pakistan'], ['Dhaka', 'Bangladesh'], ['Manila', 'the Philippines'],
  ['Jakarta', 'Indonesia'], ['Lima', 'Peru'], ['Bogota', 'Colombia'], ['Caracas', 'Venezuela'], ['Quito', 'Ecuador'],
  ['Kabul', 'Afghanistan'], ['Baghdad', 'Iraq'], ['Aleppo', 'Syria'], ['Beirut', 'Lebanon'], ['Amman', 'Jordan'],
  ['Cairo', 'Egypt'], ['Tunis', 'Tunisia'], ['Algiers', 'Algeria'], ['Casablanca', 'Morocco'], ['Dakar', 'Senegal'],
  ['Accra', 'Ghana'], ['Kinshasa', 'Congo'], ['Kampala', 'Uganda'], ['Mogadishu', 'Somalia'], ['Khartoum', 'Sudan'],
  ['Sanaa', 'Yemen'], ['Tehran', 'Iran'], ['Islamabad', 'Pakistan'], ['Kathmandu', 'Nepal'], ['Colombo', 'Sri Lanka'],
] as const;
const DETAILS = ['near the central bus station', 'in the old quarter', 'close to a busy mosque', 'beside the river docks', 'at the edge of the university district'];

const START = Date.now() - 3_600_000;
const INCIDENTS: readonly RssItem[] = CITIES.map(([city, country], i) => ({
  guid: `blast-${i}`,
  title: `Explosion at ${city} market kills ${i + 2}`,
  body: `An explosion tore through a crowded market ${DETAILS[i % DETAILS.length] ?? ''} in ${city}, ${country}, killing ${i + 2} people, local officials said. The cause of the blast was not yet known.`,
  published: new Date(START + i * 120_000),
}));

/** Declares the scenarios on SQLite, or on a fresh Postgres database (skipped with the reason when none is configured). */
export function describeDistinctIncidents(backend: 'sqlite' | 'postgres'): void {
  const skip = backend === 'postgres' && POSTGRES_URL === null;
  describe.skipIf(skip)(skip ? POSTGRES_SKIP_REASON : `distinct incidents and shared guids (${backend})`, () => {
    let server: FeedServer;
    let dir: string;
    let config: string;
    let database: TestDatabase | null = null;
    const run = () => runCli(['--config', config, 'run', '--once'], { cwd: dir, env: database === null ? {} : { DATABASE_URL: database.url } });

    beforeEach(async () => {
      server = await startFeedServer();
      dir = await mkdtemp(join(tmpdir(), 'wirewatch-incidents-'));
      database = backend === 'postgres' && POSTGRES_URL !== null ? await createTestDatabase(POSTGRES_URL) : null;
      config = join(dir, 'wirewatch.yaml');
      server.route('/wire.xml', serveBody(rss([], 'Example Wire')));
      server.route('/other.xml', serveBody(rss([], 'Other Wire')));
      await writeFile(
        config,
        [
          `database: ${join(dir, 'wirewatch.db')}`,
          'feeds:',
          `  - { id: wire, url: "${server.url('/wire.xml')}" }`,
          `  - { id: other, url: "${server.url('/other.xml')}" }`,
          'rules:',
          '  - { id: blasts, query: "explosion OR blast OR museum" }',
          'destinations:',
          '  - { name: console, type: console }',
        ].join('\n'),
      );
      expect((await run()).status).toBe(0); // baseline
    });

    afterEach(async () => {
      await server.close();
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    it('alerts thirty distinct incidents with one headline template thirty times', { timeout: 90_000 }, async () => {
      server.route('/wire.xml', serveBody(rss(INCIDENTS, 'Example Wire')));
      const first = await run();
      expect(first.status).toBe(0);
      for (const incident of INCIDENTS) expect(first.stdout).toContain(incident.title);

      // The Lagos blast from a second outlet joins its story: an edit, not a new alert.
      const [lagos] = INCIDENTS;
      server.route('/other.xml', serveBody(rss([{ ...lagos, guid: 'other-lagos', title: 'Market blast in Lagos kills 2, officials say' } as RssItem], 'Other Wire')));
      const again = await run();
      expect(again.status).toBe(0);
      expect(again.stdout).not.toContain('Market blast in Lagos kills 2');
      expect(again.stdout.startsWith('(update)')).toBe(true);
      expect(again.stdout).toContain('Explosion at Lagos market kills 2');
      expect(again.stdout).toContain('Other Wire');
    });

    it('keeps two different articles that share one guid, and says so once', { timeout: 90_000 }, async () => {
      const [blast] = INCIDENTS;
      server.route('/wire.xml', serveBody(rss([{ ...blast, guid: 'story-1' } as RssItem], 'Example Wire')));
      expect((await run()).stdout).toContain(blast?.title);
      // The CMS reuses the guid for another article (another link, other text).
      const museum = { guid: 'story-1', title: 'Blast-damaged museum reopens after restoration', body: 'The city museum, damaged by a blast last year, reopened to visitors on Saturday after a long restoration.' };
      server.route('/wire.xml', serveBody(rss([museum], 'Example Wire').replace('https://wire.example/story-1', 'https://wire.example/museum')));
      const second = await run();
      expect(second.stdout).toContain(museum.title);
      expect(logLines(second.stderr).filter((l) => String(l.msg).includes('share one guid'))).toHaveLength(1);
      const third = await run();
      expect(third.stdout).toBe('');
      expect(logLines(third.stderr).filter((l) => String(l.msg).includes('share one guid'))).toHaveLength(0);
    });
  });
}
