// A config loaded with lazy feeds: everything but the feeds is checked at once; the feeds are
// checked and derived by the full parse when first read, with the same result or the same message.
// The seed fingerprint stands for the rules and feeds as written, in both modes alike.
import { describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.ts';
import { InvalidConfigError, parseConfig, type Config, type LoadOptions } from '../../src/config/load-config.ts';

const env = readEnv({});
const FILE = '/srv/wirewatch/wirewatch.yaml';
const TEXT = [
  'interval: 2m',
  'rules:',
  '  - { id: iraq, query: Iraq }',
  'feeds:',
  '  - url: https://www.reuters.com/world/rss.xml',
  '  - { id: local, url: feeds/local.xml, interval: 30s, backfill: 2 }',
].join('\n');

function load(text: string, options: LoadOptions = {}, file = FILE): Config {
  const result = parseConfig(text, file, env, undefined, options);
  if (result.kind !== 'ok') throw new Error(result.message);
  return result.config;
}

describe('lazy feeds', () => {
  it('gives the same feeds, concurrency and fingerprint as the full load', () => {
    const eager = load(TEXT);
    const lazy = load(TEXT, { lazyFeeds: true });
    expect(lazy.feeds).toEqual(eager.feeds);
    expect(lazy.feeds.map((f) => f.url)).toEqual(['https://www.reuters.com/world/rss.xml', '/srv/wirewatch/feeds/local.xml']);
    expect(lazy.fetch.concurrency).toBe(eager.fetch.concurrency);
    expect(lazy.seedFingerprint).toBe(eager.seedFingerprint);
    expect(lazy.databaseUrl).toBe(eager.databaseUrl);
  });

  it.each([
    ['a feed without a URL', TEXT.replace('  - url: https://www.reuters.com/world/rss.xml', '  - { title: Reuters }')],
    ['the same URL twice', `${TEXT}\n  - url: https://www.reuters.com/world/rss.xml`],
    ['a feed interval out of range', TEXT.replace('interval: 30s', 'interval: 0s')],
  ])('loads with %s, and reading the feeds fails with the full load\'s message', (_what, text) => {
    const eager = parseConfig(text, FILE, env);
    expect(eager.kind).toBe('invalid');
    const lazy = load(text, { lazyFeeds: true });
    expect(() => lazy.feeds).toThrow(InvalidConfigError);
    expect(() => lazy.feeds).toThrow(eager.kind === 'invalid' ? eager.message : 'unreachable');
  });

  it('still refuses at once what is wrong outside the feeds', () => {
    expect(parseConfig(`${TEXT}\nfetch: { timeout: nope }`, FILE, env, undefined, { lazyFeeds: true }).kind).toBe('invalid');
  });

  it('changes the fingerprint with the feeds, the rules, the default interval and the directory, and only then', () => {
    const base = load(TEXT).seedFingerprint;
    expect(load(TEXT).seedFingerprint).toBe(base);
    expect(load(TEXT.replace('backfill: 2', 'backfill: 3')).seedFingerprint).not.toBe(base);
    expect(load(TEXT.replace('query: Iraq', 'query: Iran')).seedFingerprint).not.toBe(base);
    expect(load(TEXT.replace('interval: 2m', 'interval: 3m')).seedFingerprint).not.toBe(base);
    expect(load(TEXT, {}, '/elsewhere/wirewatch.yaml').seedFingerprint).not.toBe(base);
  });
});
