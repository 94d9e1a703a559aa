// The operator's config keys: `http` (the one HTTP server) and a feed's `category` (OPML folders).
import { describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.ts';
import { parseConfig } from '../../src/config/load-config.ts';

const FILE = '/etc/wirewatch/wirewatch.yaml';
const parse = (text: string) => parseConfig(text, FILE, readEnv({}), '/work');

describe('http', () => {
  it.each([
    { case: 'absent: no server', yaml: 'feeds: []', http: null },
    { case: 'a port: loopback by default', yaml: 'http: { port: 9090 }', http: { host: '127.0.0.1', port: 9090 } },
    { case: 'every interface, any free port', yaml: 'http: { host: 0.0.0.0, port: 0 }', http: { host: '0.0.0.0', port: 0 } },
  ])('$case', ({ yaml, http }) => {
    const result = parse(yaml);
    expect(result.kind === 'ok' && result.config.http).toEqual(http);
  });

  it.each([
    { case: 'a port out of range', yaml: 'http: { port: 70000 }', message: `${FILE}: http.port:` },
    { case: 'no port', yaml: 'http: { host: 127.0.0.1 }', message: `${FILE}: http.port:` },
    { case: 'an unknown key', yaml: 'http: { port: 1, tls: true }', message: `${FILE}: http:` },
  ])('refuses $case, naming the key', ({ yaml, message }) => {
    const result = parse(yaml);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.message).toContain(message);
  });
});

describe('feed category', () => {
  it('is kept on the feed, and absent when not given', () => {
    const result = parse('feeds:\n  - { url: https://a.example/rss, category: News/World }\n  - { url: https://b.example/rss }\n');
    expect(result.kind === 'ok' && result.config.feeds.map((f) => f.category)).toEqual(['News/World', undefined]);
  });

  it('may not be empty', () => {
    const result = parse('feeds:\n  - { url: https://a.example/rss, category: "" }\n');
    expect(result.kind === 'invalid' && result.message).toContain(`${FILE}: feeds[0].category:`);
  });
});
