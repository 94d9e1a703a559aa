// The operator's config keys: `http` (the one HTTP server), a feed's `category` (OPML folders), `publicUrl` and
// `websub` (push), `minInterval` and `maxInterval` (adaptive polling).
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

describe('publicUrl and websub', () => {
  it('WebSub is off without publicUrl, on with it (defaults: a 10-day lease, polled hourly while pushed)', () => {
    const off = parse('http: { port: 9090 }');
    expect(off.kind === 'ok' && off.config.websub).toBeNull();
    const on = parse('http: { port: 9090 }\npublicUrl: https://wirewatch.example.com/base');
    expect(on.kind === 'ok' && on.config.websub).toEqual({ publicUrl: 'https://wirewatch.example.com/base', callbackPath: '/websub', leaseSeconds: 864_000, safetyIntervalSeconds: 3600 });
  });

  it.each([
    { case: 'publicUrl without an HTTP server', yaml: 'publicUrl: https://w.example', message: `${FILE}: publicUrl: WebSub callbacks arrive on the HTTP server` },
    { case: 'a publicUrl that is not http(s)', yaml: 'http: { port: 1 }\npublicUrl: ftp://w.example', message: `${FILE}: publicUrl: expected the http(s) base URL` },
    { case: 'a publicUrl with a query', yaml: 'http: { port: 1 }\npublicUrl: "https://w.example/?a=1"', message: `${FILE}: publicUrl:` },
    { case: 'a lease under a minute', yaml: 'http: { port: 1 }\npublicUrl: https://w.example\nwebsub: { lease: 10s }', message: `${FILE}: websub.lease:` },
  ])('refuses $case, naming the key', ({ yaml, message }) => {
    const result = parse(yaml);
    expect(result.kind === 'invalid' && result.message).toContain(message);
  });
});

describe('minInterval and maxInterval', () => {
  it('are absent by default (fixed intervals), top-level bounds apply to every feed, a feed may set its own', () => {
    const fixed = parse('feeds:\n  - { url: https://a.example/rss }\n');
    expect(fixed.kind === 'ok' && fixed.config.feeds[0]).not.toHaveProperty('minIntervalSeconds');
    const result = parse('minInterval: 1m\nmaxInterval: 1h\nfeeds:\n  - { url: https://a.example/rss }\n  - { url: https://b.example/rss, maxInterval: 10m }\n');
    expect(result.kind === 'ok' && result.config.intervalBounds).toEqual({ minIntervalSeconds: 60, maxIntervalSeconds: 3600 });
    expect(result.kind === 'ok' && result.config.feeds.map((f) => [f.minIntervalSeconds, f.maxIntervalSeconds])).toEqual([
      [60, 3600],
      [60, 600],
    ]);
  });

  it('refuses a lower bound above the upper one, at the top level or for one feed', () => {
    const top = parse('minInterval: 1h\nmaxInterval: 1m\n');
    expect(top.kind === 'invalid' && top.message).toContain(`${FILE}: minInterval: minInterval (3600 s) is longer than maxInterval (60 s)`);
    const feed = parse('maxInterval: 5m\nfeeds:\n  - { url: https://a.example/rss, minInterval: 10m }\n');
    expect(feed.kind === 'invalid' && feed.message).toContain(`${FILE}: feeds[0].minInterval: minInterval (600 s) is longer than maxInterval (300 s)`);
  });
});
