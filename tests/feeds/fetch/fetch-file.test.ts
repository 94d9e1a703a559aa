// fetchFeed on local files: body, validators from size and mtime, not-modified, limits and errors.
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FETCH_OPTIONS, fetchFeed } from '../../../src/feeds/fetch/fetch-feed.ts';
import type { FetchResult, Validators } from '../../../src/feeds/fetch/fetch-types.ts';

const NONE: Validators = { etag: null, lastModified: null };
const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title></channel></rss>';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-fetch-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectOk(result: FetchResult): Extract<FetchResult, { kind: 'ok' }> {
  expect(result.kind).toBe('ok');
  return result as Extract<FetchResult, { kind: 'ok' }>;
}

describe('fetchFeed: local files', () => {
  it('reads a file by path and by file:// URL', async () => {
    const path = join(dir, 'world.rss');
    await writeFile(path, RSS);
    const byPath = expectOk(await fetchFeed(path, NONE, DEFAULT_FETCH_OPTIONS));
    expect(byPath.body.toString()).toBe(RSS);
    expect(byPath.contentType).toBe('application/rss+xml');
    expect(byPath.finalUrl).toBe(path);
    expect(byPath.maxAgeSeconds).toBeNull();
    const byUrl = expectOk(await fetchFeed(pathToFileURL(path).href, NONE, DEFAULT_FETCH_OPTIONS));
    expect(byUrl.body.toString()).toBe(RSS);
    expect(byUrl.validators).toEqual(byPath.validators);
  });

  it('gives not-modified while the file is unchanged, and the new body once it changes', async () => {
    const path = join(dir, 'feed.xml');
    await writeFile(path, RSS);
    const first = expectOk(await fetchFeed(path, NONE, DEFAULT_FETCH_OPTIONS));
    expect(first.validators.lastModified).toMatch(/GMT$/);
    expect(await fetchFeed(path, first.validators, DEFAULT_FETCH_OPTIONS)).toEqual({ kind: 'not-modified', maxAgeSeconds: null });
    // Only the Last-Modified is known (e.g. saved by an older version): still not-modified.
    expect(await fetchFeed(path, { etag: null, lastModified: first.validators.lastModified }, DEFAULT_FETCH_OPTIONS)).toEqual({
      kind: 'not-modified',
      maxAgeSeconds: null,
    });

    const updated = RSS.replace('Local', 'Local, updated');
    await writeFile(path, updated);
    await utimes(path, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    const second = expectOk(await fetchFeed(path, first.validators, DEFAULT_FETCH_OPTIONS));
    expect(second.body.toString()).toBe(updated);
    expect(second.validators.lastModified).toBe('Tue, 01 Jan 2030 00:00:00 GMT');
  });

  it('sees a same-size rewrite within the same second through the ETag', async () => {
    const path = join(dir, 'feed.xml');
    await writeFile(path, 'aaaa');
    await utimes(path, new Date('2030-01-01T00:00:00.100Z'), new Date('2030-01-01T00:00:00.100Z'));
    const first = expectOk(await fetchFeed(path, NONE, DEFAULT_FETCH_OPTIONS));
    await writeFile(path, 'bbbb');
    await utimes(path, new Date('2030-01-01T00:00:00.900Z'), new Date('2030-01-01T00:00:00.900Z'));
    const second = expectOk(await fetchFeed(path, first.validators, DEFAULT_FETCH_OPTIONS));
    expect(second.body.toString()).toBe('bbbb');
  });

  it.each([
    ['a missing file', (d: string) => join(d, 'nope.xml'), (d: string) => `file not found: ${join(d, 'nope.xml')}`],
    ['a directory', (d: string) => d, (d: string) => `not a file: ${d}`],
  ])('fails on %s', async (_name, pathOf, reasonOf) => {
    expect(await fetchFeed(pathOf(dir), NONE, DEFAULT_FETCH_OPTIONS)).toEqual({ kind: 'failed', reason: reasonOf(dir) });
  });

  it('applies the size cap', async () => {
    const path = join(dir, 'big.xml');
    await writeFile(path, Buffer.alloc(2048, 'x'));
    expect(await fetchFeed(path, NONE, { ...DEFAULT_FETCH_OPTIONS, maxBytes: 1024 })).toEqual({
      kind: 'failed',
      reason: `file exceeds the 1 KB limit: ${path}`,
    });
    expectOk(await fetchFeed(path, NONE, { ...DEFAULT_FETCH_OPTIONS, maxBytes: 2048 }));
  });

  it('reads a path in a sub-folder with an unknown extension', async () => {
    await mkdir(join(dir, 'sub'));
    const path = join(dir, 'sub', 'feed');
    await writeFile(path, RSS);
    const ok = expectOk(await fetchFeed(path, NONE, DEFAULT_FETCH_OPTIONS));
    expect(ok.contentType).toBeNull();
  });
});
