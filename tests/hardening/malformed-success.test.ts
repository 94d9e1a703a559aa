// Chat APIs (or a proxy in front of them) answering 200 without a message id: the real worker
// treats it as a failed attempt to retry later, never as sent and never as a crash; and an API base
// that is not a URL is a config error at start, exit 2, one line.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { runCli } from '../support/run-cli.ts';
import { rss } from '../e2e/delivery-harness.ts';

describe('a chat API answering 200 without a message id', () => {
  let feeds: FeedServer;
  let api: Server;
  let apiOrigin: string;
  let dir: string;
  let config: string;
  const hits: string[] = [];

  beforeAll(async () => {
    feeds = await startFeedServer();
    feeds.route('/wire.xml', serveBody(rss([{ guid: 'a', title: 'Attack near the port' }])));
    // Discord paths get {"ok":false} (a proxy's answer); Slack's chat.postMessage gets ok without a ts.
    api = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url?.startsWith('/slack/') ? '{"ok":true}' : '{"ok":false}');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-malformed-'));
    config = join(dir, 'wirewatch.yaml');
    await writeFile(
      config,
      [
        `database: ${join(dir, 'w.db')}`,
        'feeds:',
        `  - { id: wire, url: "${feeds.url('/wire.xml')}", backfill: 1 }`,
        'rules:',
        '  - { id: attacks, query: attack }',
        'destinations:',
        '  - { name: discord, type: discord }',
        '  - { name: slack, type: slack }',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await feeds.close();
    await new Promise<void>((resolve) => api.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  const env = (): Record<string, string> => ({
    DISCORD_TOKEN: 'test-token',
    DISCORD_CHANNEL_ID: '100000000000000001',
    WIREWATCH_DISCORD_API: `${apiOrigin}/discord`,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_CHANNEL: 'C0TEST',
    WIREWATCH_SLACK_API: `${apiOrigin}/slack/`,
  });

  it('is a retried failure, not a sent message nor a crash, run after run', async () => {
    for (let run = 1; run <= 2; run += 1) {
      const result = await runCli(['--config', config, 'run', '--once'], { cwd: dir, env: env() });
      expect(result.status).toBe(0);
      expect(result.stderr).not.toMatch(/\n\s+at |NOT NULL|crash/i);
      if (run === 1) {
        expect(result.stderr).toContain('discord: post answered success without a message id');
        expect(result.stderr).toContain('slack: chat.postMessage answered success without a message id');
      }
      await new Promise((resolve) => setTimeout(resolve, 2_100)); // the first retry comes within 2 s
    }
    expect(hits.filter((h) => h.includes('/channels/100000000000000001/messages')).length).toBeGreaterThanOrEqual(2);
    const status = await runCli(['--config', config, 'status', '--json'], { cwd: dir, env: env() });
    const outbox = (JSON.parse(status.stdout) as { outbox: { destination: string; pending: number; sent: number; failed: number }[] }).outbox;
    expect(outbox.map(({ destination, pending, sent, failed }) => ({ destination, pending, sent, failed })).sort((a, b) => a.destination.localeCompare(b.destination))).toEqual([
      { destination: 'discord', pending: 1, sent: 0, failed: 0 },
      { destination: 'slack', pending: 1, sent: 0, failed: 0 },
    ]);
  });

  it.each([
    ['WIREWATCH_DISCORD_API', 'not a url'],
    ['WIREWATCH_SLACK_API', 'ftp://example.com/'],
  ])('refuses %s=%j at start with exit 2 and one line', async (name, value) => {
    const result = await runCli(['--config', config, 'run', '--once'], { cwd: dir, env: { ...env(), [name]: value } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`environment: ${name}: expected an http(s) URL`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.trim().split('\n')).toHaveLength(2); // "wirewatch: invalid config" and the reason
  });
});
