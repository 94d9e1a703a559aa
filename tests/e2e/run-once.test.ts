// End to end through the real command, HTTP and SQLite: `wirewatch run --once` against a
// loopback feed server, with one good feed and four that misbehave.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { respondWith, serveBody, stallResponse, startFeedServer, streamHuge, type FeedServer } from '../support/feed-server.ts';
import { logLines, runCli } from '../support/run-cli.ts';

const WORLD = await readFile(new URL('../fixtures/e2e/world-news.xml', import.meta.url), 'utf8');
// The same feed before the Kirkuk item was published.
const WORLD_BEFORE = WORLD.replace(/<item>\s*<title>Contractor killed[\s\S]*?<\/item>/, '');

describe('wirewatch run --once', () => {
  let server: FeedServer;
  let dir: string;
  let config: string;

  beforeAll(async () => {
    server = await startFeedServer();
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-e2e-'));
    config = join(dir, 'wirewatch.yaml');
    server.route('/world.xml', serveBody(WORLD_BEFORE));
    server.route('/stall.xml', stallResponse('headers'));
    server.route('/broken.xml', respondWith(500, { body: 'oops' }));
    server.route('/huge.xml', streamHuge({ totalBytes: 50 * 1024 * 1024 }));
    server.route('/page.html', serveBody('<!doctype html><html><body><h1>Not a feed</h1></body></html>', { contentType: 'text/html' }));
    await writeFile(
      config,
      [
        `database: ${join(dir, 'wirewatch.db')}`,
        'fetch: { timeout: 6s, connectTimeout: 3s }',
        'feeds:',
        `  - { id: world, url: "${server.url('/world.xml')}" }`,
        `  - { id: stall, url: "${server.url('/stall.xml')}" }`,
        `  - { id: broken, url: "${server.url('/broken.xml')}" }`,
        `  - { id: huge, url: "${server.url('/huge.xml')}" }`,
        `  - { id: page, url: "${server.url('/page.html')}" }`,
        'rules:',
        `  - { id: iraq-rocket, query: '"rocket attack" AND Iraq' }`,
      ].join('\n'),
    );
  });

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('baselines the first poll and reports each failing feed with its reason', async () => {
    const run = await runCli(['--config', config, 'run', '--once'], { cwd: dir });
    expect(run.stdout).toBe('');
    expect(run.status).toBe(1);
    const failures = new Map(logLines(run.stderr).filter((l) => l.msg !== undefined && String(l.msg).startsWith('feed failed')).map((l) => [l.feed, String(l.msg)]));
    expect(failures.get('stall')).toMatch(/timed out/);
    expect(failures.get('broken')).toMatch(/HTTP 500/);
    expect(failures.get('huge')).toMatch(/limit/);
    expect(failures.get('page')).toMatch(/not a feed|HTML/i);
    expect(failures.has('world')).toBe(false);
    expect(logLines(run.stderr).some((l) => l.feed === 'world' && l.msg === 'feed baselined')).toBe(true);
  });

  it('prints a newly published matching item exactly once over two runs, then gets a 304', async () => {
    server.route('/world.xml', serveBody(WORLD));
    const first = await runCli(['--config', config, 'run', '--once'], { cwd: dir });
    const second = await runCli(['--config', config, 'run', '--once'], { cwd: dir });
    const output = first.stdout + second.stdout;
    expect(output.match(/ALERT \[iraq-rocket\]/g)).toHaveLength(1);
    expect(first.stdout).toContain('Contractor killed in rocket attack on Iraqi base in Kirkuk');
    expect(first.stdout).toContain('https://news.example.org/world/kirkuk-rocket-attack');
    expect(first.stdout).toContain('Example World Wire');
    expect(first.stdout).not.toContain('Museum reopens');
    const worldRequests = server.requestsTo('/world.xml');
    const last = await worldRequests[worldRequests.length - 1]!.ended;
    expect(last.status).toBe(304);
  });

  it('lists every feed with its health', async () => {
    const run = await runCli(['--config', config, 'feeds', '--json'], { cwd: dir });
    expect(run.status).toBe(0);
    const feeds = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; status: string; lastError: string | null; consecutiveFailures: number });
    expect(feeds.map((f) => f.id).sort()).toEqual(['broken', 'huge', 'page', 'stall', 'world']);
    expect(feeds.find((f) => f.id === 'world')).toMatchObject({ status: 'ok', lastError: null });
    expect(feeds.find((f) => f.id === 'broken')).toMatchObject({ status: 'failing', consecutiveFailures: 3 });
  });

  it('follows the config it is given: a new feed is listed, an invalid one refused in one line', async () => {
    const original = await readFile(config, 'utf8');
    try {
      await writeFile(config, original.replace('rules:', `  - { id: extra, url: "${server.url('/extra.xml')}" }\nrules:`));
      const listed = await runCli(['--config', config, 'feeds', '--json'], { cwd: dir });
      expect(listed.status).toBe(0);
      expect(listed.stdout).toContain('"id":"extra"');

      await writeFile(config, original.replace('rules:', `  - { id: twice, url: "${server.url('/world.xml')}" }\nrules:`));
      const refused = await runCli(['--config', config, 'feeds', '--json'], { cwd: dir });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/invalid config\n.*duplicate feed url/);
      expect(refused.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
    } finally {
      await writeFile(config, original);
    }
  });
});
