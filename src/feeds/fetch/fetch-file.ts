// Reads a feed from a local file (offline use, `wirewatch check FILE`, tests) with the same
// size cap and conditional semantics as HTTP: validators come from the file's size and mtime.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FetchResult, Validators } from './fetch-types.ts';
import { formatBytes } from './http-cache-headers.ts';
import { inflateUnlabelledGzip } from './read-body.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.rdf': 'application/rdf+xml',
  '.json': 'application/json',
};

/**
 * Reads `path`. Unchanged since `validators` (same ETag, else same Last-Modified) → not-modified.
 * The ETag holds size and nanosecond mtime, so a rewrite within the same second is still seen.
 */
export async function fetchFile(path: string, validators: Validators, maxBytes: number): Promise<FetchResult> {
  let info;
  try {
    info = await stat(path, { bigint: true });
  } catch (error) {
    return { kind: 'failed', reason: describeFileError(error, path) };
  }
  if (!info.isFile()) return { kind: 'failed', reason: `not a file: ${path}` };
  if (info.size > BigInt(maxBytes)) return { kind: 'failed', reason: `file exceeds the ${formatBytes(maxBytes)} limit: ${path}` };

  const current: Validators = {
    etag: `W/"${info.size}-${info.mtimeNs}"`,
    lastModified: new Date(Number(info.mtimeMs)).toUTCString(),
  };
  const unchanged =
    validators.etag !== null ? validators.etag === current.etag : validators.lastModified === current.lastModified;
  if (unchanged) return { kind: 'not-modified', maxAgeSeconds: null };

  try {
    const raw = await readCapped(path, maxBytes);
    const body = raw === null ? { kind: 'too-large' as const } : await inflateUnlabelledGzip(raw, maxBytes);
    if (body.kind === 'too-large') return { kind: 'failed', reason: `file exceeds the ${formatBytes(maxBytes)} limit: ${path}` };
    if (body.kind === 'bad-encoding') return { kind: 'failed', reason: `${body.reason}: ${path}` };
    const contentType = CONTENT_TYPES[extname(path).toLowerCase()] ?? null;
    return { kind: 'ok', body: body.body, contentType, validators: current, finalUrl: path, maxAgeSeconds: null };
  } catch (error) {
    return { kind: 'failed', reason: describeFileError(error, path) };
  }
}

/** Reads at most maxBytes + 1 bytes, so a file that grew after stat() still cannot exceed the cap. */
async function readCapped(path: string, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of createReadStream(path, { start: 0, end: maxBytes })) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
  }
  return total > maxBytes ? null : Buffer.concat(chunks);
}

function describeFileError(error: unknown, path: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return `file not found: ${path}`;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied: ${path}`;
  const message = error instanceof Error ? error.message : String(error);
  return `could not read ${path}: ${message}`;
}
