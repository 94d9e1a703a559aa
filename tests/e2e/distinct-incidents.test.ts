// Wrong merges hide incidents: thirty reports of separate incidents in thirty cities, published
// minutes apart under one headline template, are thirty alerts through the real `wirewatch run
// --once`, HTTP and SQLite; a report of one of them from a second outlet is no new alert.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { runCli } from '../support/run-cli.ts';
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

let server: FeedServer;
let dir: string;
let config: string;

beforeAll(async () => {
  server = await startFeedServer();
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-incidents-'));
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
      '  - { id: blasts, query: "explosion AND market" }',
      'destinations:',
      '  - { name: console, type: console }',
    ].join('\n'),
  );
  expect((await runCli(['--config', config, 'run', '--once'], { cwd: dir })).status).toBe(0); // baseline
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

it('alerts thirty distinct incidents with one headline template thirty times', { timeout: 60_000 }, async () => {
  server.route('/wire.xml', serveBody(rss(INCIDENTS, 'Example Wire')));
  const run = await runCli(['--config', config, 'run', '--once'], { cwd: dir });
  expect(run.status).toBe(0);
  for (const incident of INCIDENTS) expect(run.stdout).toContain(incident.title);

  // The Lagos blast from a second outlet joins its story: an edit, not a new alert.
  const [lagos] = INCIDENTS;
  server.route('/other.xml', serveBody(rss([{ ...lagos, guid: 'other-lagos', title: 'Market blast in Lagos kills 2, officials say' } as RssItem], 'Other Wire')));
  const again = await runCli(['--config', config, 'run', '--once'], { cwd: dir });
  expect(again.status).toBe(0);
  expect(again.stdout).not.toContain('Market blast in Lagos kills 2');
  expect(again.stdout.startsWith('(update)')).toBe(true);
  expect(again.stdout).toContain('Explosion at Lagos market kills 2');
  expect(again.stdout).toContain('Other Wire');
});
