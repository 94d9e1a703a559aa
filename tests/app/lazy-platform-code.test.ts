// A platform's client library loads only when a destination or front end of that platform is
// configured: a worker posting to the console or a Slack webhook never loads discord.js or @slack/bolt
// (they are most of a worker's code memory). Through the real `wirewatch run --once`, with a
// preloaded reporter naming the chat packages in the module cache at exit.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const REPORTER = pathToFileURL(new URL('../support/report-loaded-packages.mjs', import.meta.url).pathname).href;
const FEED = new URL('../fixtures/e2e/world-news.xml', import.meta.url).pathname;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-lazy-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loadedPackages(name: string, destinations: string, env: Record<string, string> = {}): Promise<string[]> {
  const config = join(dir, `${name}.yaml`);
  await writeFile(config, [`database: ${join(dir, `${name}.db`)}`, 'feeds:', `  - { id: world, url: "${FEED}" }`, 'rules:', '  - { id: r1, query: attack }', destinations].join('\n'));
  const run = await runCli(['--config', config, 'run', '--once'], { cwd: dir, env: { NODE_OPTIONS: `--import=${REPORTER}`, ...env } });
  expect(run.status, run.stderr).toBe(0);
  const line = /LOADED(\{.*\})\s*$/m.exec(run.stderr)?.[1];
  if (line === undefined) throw new Error(`test: no report from the worker:\n${run.stderr}`);
  return (JSON.parse(line) as { packages: string[] }).packages;
}

// Two worker starts, side by side.
describe.concurrent('platform code loads only when configured', () => {
  it('a worker posting to the console and a Slack webhook loads neither discord.js nor @slack/bolt', async () => {
    const destinations = 'destinations:\n  - { name: out, type: console }\n  - { name: hook, type: slack-webhook }';
    expect(await loadedPackages('console', destinations, { SLACK_WEBHOOK_URL: 'http://127.0.0.1:9/hook' })).toEqual([]);
  });

  it('a Discord destination loads discord.js, and still not @slack/bolt', async () => {
    const packages = await loadedPackages('discord', 'destinations:\n  - { name: ops, type: discord }', { DISCORD_TOKEN: 'token', DISCORD_CHANNEL_ID: '100000000000000001', WIREWATCH_DISCORD_API: 'http://127.0.0.1:9/api' });
    expect(packages).toContain('discord.js');
    expect(packages.filter((p) => p.startsWith('@slack/'))).toEqual([]);
  });
});
