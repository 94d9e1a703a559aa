// Feed URL secrets (user:password@, api_key=…, token=…, sig=…) never appear where a URL is shown or
// logged: the worker's logs, `wirewatch feeds` and `status`, the stored feed error, /news feeds list
// (which shows ids and public URLs only, never a local file path).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl, redactUrlsIn } from '../../src/log/redact-url.ts';
import { listFeeds } from '../../src/commands/feeds-commands.ts';
import { redirectTo, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { runCli } from '../support/run-cli.ts';
import { DIALECTS } from '../store/dialects.ts';
import { useCommandStore } from '../commands/command-harness.ts';

describe('redactUrl', () => {
  it.each([
    ['http://user:hunter2@host.example/feed', 'http://[redacted]@host.example/feed'],
    ['https://token@host.example/f.xml', 'https://[redacted]@host.example/f.xml'],
    ['https://host.example/f?api_key=abc&x=1', 'https://host.example/f?api_key=[redacted]&x=1'],
    ['https://host.example/f?token=abc&Signature=zz&page=2#top', 'https://host.example/f?token=[redacted]&Signature=[redacted]&page=2#top'],
    ['https://host.example/f?X-Amz-Credential=a&X-Amz-Signature=b&id=7', 'https://host.example/f?X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]&id=7'],
    ['https://host.example/f?client_secret=s&password=p&sig=q&auth=r', 'https://host.example/f?client_secret=[redacted]&password=[redacted]&sig=[redacted]&auth=[redacted]'],
    ['https://host.example/f?monkey=banana&keyword=news&q=iraq', 'https://host.example/f?monkey=banana&keyword=news&q=iraq'],
    ['postgres://wirewatch:pw@db:5432/news', 'postgres://[redacted]@db:5432/news'],
    ['/srv/feeds/local.xml', '/srv/feeds/local.xml'],
    ['https://host.example/plain.xml', 'https://host.example/plain.xml'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('redacts every URL inside a message', () => {
    expect(redactUrlsIn('redirect to unsupported scheme "ftp:" from http://u:p@h.example/f?key=k')).toBe('redirect to unsupported scheme "ftp:" from http://[redacted]@h.example/f?key=[redacted]');
  });

  it('never lets a password or a secret parameter value through', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{8,24}$/);
    const name = fc.constantFrom('key', 'api_key', 'apikey', 'token', 'access_token', 'secret', 'password', 'sig', 'signature', 'auth');
    fc.assert(
      fc.property(secret, secret, name, fc.stringMatching(/^[a-z]{1,10}$/), (password, value, param, path) => {
        const url = `https://reader:${password}@feeds.example.org/${path}?page=2&${param}=${value}`;
        const shown = redactUrlsIn(`feed failed: ${url} answered 500`);
        expect(shown).not.toContain(password);
        expect(shown).not.toContain(value);
        expect(shown).toContain(`feeds.example.org/${path}?page=2`);
      }),
    );
  });
});

describe('a feed URL with credentials, through the real command', () => {
  const PASSWORD = 'hunter2pass';
  const KEY = 'SECRETKEY123';
  let server: FeedServer;
  let dir: string;
  let config: string;
  beforeAll(async () => {
    server = await startFeedServer();
    server.route('/feed.xml', redirectTo('ftp://mirror.example/feed.xml')); // the error then names the URL
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-redact-'));
    config = join(dir, 'w.yaml');
    const url = server.url('/feed.xml').replace('http://', `http://reader:${PASSWORD}@`) + `?api_key=${KEY}&page=1`;
    await writeFile(config, [`database: ${join(dir, 'w.db')}`, 'feeds:', `  - { id: paid, url: "${url}" }`, 'rules:', '  - { id: a, query: attack }'].join('\n'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows neither the password nor the key in logs, feeds, status or the stored error', { timeout: 120_000 }, async () => {
    const run = await runCli(['--config', config, 'run', '--once'], { cwd: dir, env: { WIREWATCH_LOG_LEVEL: 'debug' } });
    expect(run.stderr).toContain('feed failed');
    const outputs = [run.stdout, run.stderr];
    for (const args of [['feeds'], ['feeds', '--json'], ['status'], ['status', '--json']]) {
      const shown = await runCli(['--config', config, ...args], { cwd: dir });
      outputs.push(shown.stdout, shown.stderr);
    }
    expect(outputs.join('\n')).toContain('api_key=[redacted]');
    const db = new Database(join(dir, 'w.db'), { readonly: true });
    const stored = db.prepare('select last_error from feeds').all() as { last_error: string | null }[];
    db.close();
    expect(stored[0]?.last_error).toContain('[redacted]');
    for (const text of [...outputs, JSON.stringify(stored)]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(KEY);
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`/news feeds list (${dialect.name})`, () => {
    const h = useCommandStore(dialect);
    it('lists ids and public URLs only: no local path, no credentials', async () => {
      const feed = (id: string, url: string) => ({ id, url, title: null, backfill: 0, intervalSeconds: 60 });
      await h.settings().seedFromConfig({ rules: [], feeds: [feed('local', '/srv/private/feeds/local.xml'), feed('paid', 'https://u:pw123456@news.example/f?token=tok987654')] }, new Date());
      const lines = (await listFeeds(h.deps())).lines.join('\n');
      expect(lines).toContain('local: (a local file)');
      expect(lines).toContain('paid: https://[redacted]@news.example/f?token=[redacted]');
      expect(lines).not.toMatch(/\/srv\/private|pw123456|tok987654/);
    });
  });
}
