// Reads one `wirewatch check` SOURCE: a feed URL, a feed file, or "-" for standard input.
import { readFile } from 'node:fs/promises';
import { fetchFeed } from '../feeds/fetch/fetch-feed.ts';
import type { FetchOptions } from '../feeds/fetch/fetch-types.ts';

export type SourceRead = { kind: 'ok'; body: Buffer; contentType: string | null; url: string } | { kind: 'failed'; reason: string };

export async function readSource(source: string, options: FetchOptions, stdin: NodeJS.ReadableStream = process.stdin): Promise<SourceRead> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return { kind: 'ok', body: Buffer.concat(chunks), contentType: null, url: 'stdin' };
  }
  if (/^https?:\/\//i.test(source)) {
    const result = await fetchFeed(source, { etag: null, lastModified: null }, options);
    if (result.kind === 'ok') return { kind: 'ok', body: result.body, contentType: result.contentType, url: result.finalUrl };
    if (result.kind === 'not-modified') return { kind: 'failed', reason: 'unexpected 304 Not Modified' };
    return { kind: 'failed', reason: result.reason };
  }
  try {
    return { kind: 'ok', body: await readFile(source), contentType: null, url: source };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'failed', reason: code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(error)})` };
  }
}
