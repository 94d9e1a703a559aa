// `wirewatch feeds add URL` through the real CLI without a terminal: it lists what it found, adds
// the first to the config, says so when the feed is polled already, and explains a miss (status 1).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { runCli } from '../support/run-cli.ts';
import { rss } from './delivery-harness.ts';

let dir: string;
let server: FeedServer;
let config: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-add-'));
  server = await startFeedServer();
  config = join(dir, 'wirewatch.yaml');
  await writeFile(config, ['database: db.sqlite', 'feeds: []', 'rules:', "  - { id: a, query: 'attack' }", 'destinations:', '  - { name: console, type: console }', ''].join('\n'));
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

it('adds the first feed a page links (loopback is fine for the operator), then knows it is polled', async () => {
  server.route('/', serveBody('<html><head><link rel="alternate" type="application/rss+xml" href="/a.xml"><link rel="alternate" type="application/atom+xml" href="/b.xml"></head></html>', { contentType: 'text/html' }));
  server.route('/a.xml', serveBody(rss([{ guid: '1', title: 'One' }], 'Feed A')));
  server.route('/b.xml', serveBody(rss([], 'Feed B')));
  const added = await runCli(['--config', config, 'feeds', 'add', server.url('/'), '--yes'], { cwd: dir });
  expect(added.stderr).toBe('');
  expect(added.status).toBe(0);
  expect(added.stdout.split('\n').slice(0, 3)).toEqual([
    'found 2 feed(s):',
    `  1. ${server.url('/a.xml')}  Feed A (1 items; linked from the page)`,
    `  2. ${server.url('/b.xml')}  Feed B (0 items; linked from the page)`,
  ]);
  expect(await readFile(config, 'utf8')).toContain(`url: ${server.url('/a.xml')}, title: Feed A }`);

  const again = await runCli(['--config', config, 'feeds', 'add', server.url('/a.xml')], { cwd: dir });
  expect(again.status).toBe(0);
  expect(again.stdout).toMatch(/is polled already \(as 127-0-0-1-\d+-a-[0-9a-f]{6}\); nothing added\n$/);
});

it('a page with no feed: the reason on one line, status 1, config unchanged', async () => {
  server.route('/', serveBody('<html><head></head></html>', { contentType: 'text/html' }));
  const before = await readFile(config, 'utf8');
  const result = await runCli(['--config', config, 'feeds', 'add', server.url('/')], { cwd: dir });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^wirewatch: http:\/\/127\.0\.0\.1:\d+\/ is not a feed \(looks like an HTML page\), it links no feed, and none of .* on its site is one\n$/);
  expect(await readFile(config, 'utf8')).toBe(before);
});

it('refuses an address that is not http(s) with status 2', async () => {
  const result = await runCli(['--config', config, 'feeds', 'add', 'ftp://example.com/feed'], { cwd: dir });
  expect(result).toMatchObject({ status: 2, stderr: 'wirewatch: "ftp://example.com/feed" is not an http or https URL\n' });
});
