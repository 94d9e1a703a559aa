// Config loading: defaults, resolution, and errors that name the file, key path and cause.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDurationSeconds } from '../../src/config/duration.ts';
import { readEnv } from '../../src/config/env.ts';
import { loadConfig, parseConfig } from '../../src/config/load-config.ts';

const env = readEnv({});
const FILE = '/etc/wirewatch/wirewatch.yaml';

function invalidMessage(text: string): string {
  const result = parseConfig(text, FILE, env, '/work');
  if (result.kind !== 'invalid') throw new Error('expected an invalid config');
  return result.message;
}

describe('parseConfig', () => {
  it('fills defaults and resolves feeds, ids and the database path', () => {
    const result = parseConfig('feeds:\n  - url: https://example.org/rss.xml\n  - url: ./local.xml\n    id: local\n    interval: 30s\n', FILE, env, '/work');
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    const { config } = result;
    expect(config.databaseUrl).toBe('/etc/wirewatch/data/wirewatch.db'); // relative to the config file, like feeds
    expect(config.destinations).toEqual([{ name: 'console', type: 'console' }]);
    expect(config.fetch).toMatchObject({ maxBytes: 10 * 1024 * 1024, maxRedirects: 5, totalTimeoutMs: 30_000 });
    expect(config.feeds[0]).toMatchObject({ url: 'https://example.org/rss.xml', intervalSeconds: 120, backfill: 0 });
    expect(config.feeds[0]?.id).toMatch(/^example-org-rss-[0-9a-f]{6}$/);
    expect(config.feeds[1]).toMatchObject({ id: 'local', url: '/etc/wirewatch/local.xml', intervalSeconds: 30 });
  });

  it('lets DATABASE_URL win over the file', () => {
    const result = parseConfig('database: data/x.db\n', FILE, readEnv({ DATABASE_URL: 'postgres://u:p@db/x' }), '/work');
    expect(result.kind === 'ok' && result.config.databaseUrl).toBe('postgres://u:p@db/x');
  });

  it.each([
    ['feeds:\n  - url: https://a.example/rss\n    interval: soon\n', 'feeds[0].interval: expected a duration'],
    ['feeds:\n  - {}\n', 'feeds[0].url:'],
    ['rules:\n  - id: a\n    query: x\n  - id: a\n    query: y\n', 'rules[1]: duplicate rule id "a"'],
    ['rules:\n  - id: "bad id!"\n    query: x\n', 'rules[0].id: expected an id'],
    ['fetch:\n  maxBytes: 10\n', 'fetch.maxBytes:'],
    ['feedz: []\n', 'Unrecognized key'],
    ['destinations:\n  - name: x\n    type: pager\n', 'destinations[0].type:'],
    ['feeds: [\n', `${FILE}:`],
  ])('rejects %j naming the key path', (text, expected) => {
    const message = invalidMessage(text);
    expect(message).toContain(FILE);
    expect(message).toContain(expected);
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(invalidMessage('feeds:\n  - url: [a\n rules: 1\n')).toMatch(/wirewatch\.yaml:\d+:\d+: YAML syntax error/);
  });
});

describe('loadConfig', () => {
  it('says when the file is missing, and prefers --config over WIREWATCH_CONFIG', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wirewatch-config-'));
    await writeFile(join(dir, 'a.yaml'), 'interval: 5m\n');
    const viaEnv = await loadConfig(null, readEnv({ WIREWATCH_CONFIG: 'a.yaml' }), dir);
    expect(viaEnv.kind).toBe('ok');
    const explicit = await loadConfig('missing.yaml', readEnv({ WIREWATCH_CONFIG: 'a.yaml' }), dir);
    expect(explicit).toEqual({ kind: 'invalid', message: `${join(dir, 'missing.yaml')}: file not found` });
  });
});

describe('parseDurationSeconds', () => {
  it.each([
    ['90', 90], ['90s', 90], ['5m', 300], ['1h30m', 5400], ['2d', 172_800], ['1.5m', 90], ['soon', null], ['5 m', null], ['', null],
  ])('%j → %j', (text, seconds) => expect(parseDurationSeconds(text)).toBe(seconds));
});
