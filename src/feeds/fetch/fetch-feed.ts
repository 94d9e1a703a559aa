// Fetches one feed: conditional GET over node:http/https with decompression, a size cap, connect
// and total timeouts and redirects, or a local file read. Outcomes are values; network trouble never throws.
// RFC 9110 (semantics), RFC 9111 (caching).
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { fetchFile } from './fetch-file.ts';
import type { FetchOptions, FetchResult, Validators } from './fetch-types.ts';
import { formatBytes, formatDuration, parseMaxAge, parseRetryAfter } from './http-cache-headers.ts';
import { describeNetworkError } from './network-error.ts';
import { readBody } from './read-body.ts';

export const DEFAULT_FETCH_OPTIONS: Readonly<FetchOptions> = Object.freeze({
  userAgent: 'wirewatch/0.1 (+https://github.com/wirewatch/wirewatch; news alert bot)',
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
});

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
/** Error and redirect bodies up to this size are drained so the connection can be reused. */
const DRAIN_LIMIT_BYTES = 64 * 1024;

type Hop = FetchResult | { kind: 'redirect'; location: string };

/** Why the fetch's own AbortController fired: a timeout or the caller's signal. */
class FetchAbort extends Error {}

/**
 * Fetches `url` (http/https, a `file://` URL or a local path). `validators` are the ETag and
 * Last-Modified of the previous successful fetch (nulls on the first).
 */
export async function fetchFeed(url: string, validators: Validators, options: FetchOptions): Promise<FetchResult> {
  if (/^https?:/i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { kind: 'failed', reason: `invalid URL: ${url}` };
    }
    return fetchHttp(parsed, validators, options);
  }
  if (/^file:/i.test(url)) {
    let path: string;
    try {
      path = fileURLToPath(url);
    } catch {
      return { kind: 'failed', reason: `invalid file URL: ${url}` };
    }
    return fetchFile(path, validators, options.maxBytes);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
  if (scheme) return { kind: 'failed', reason: `unsupported URL scheme "${scheme}:" in ${url}` };
  return fetchFile(url, validators, options.maxBytes);
}

async function fetchHttp(start: URL, validators: Validators, options: FetchOptions): Promise<FetchResult> {
  if (options.signal?.aborted) return { kind: 'failed', reason: 'aborted' };
  const controller = new AbortController();
  const timeout = new FetchAbort(`timed out after ${formatDuration(options.totalTimeoutMs)}`);
  const timer = setTimeout(() => controller.abort(timeout), options.totalTimeoutMs);
  const onCallerAbort = (): void => controller.abort(new FetchAbort('aborted'));
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    let url = start;
    for (let redirects = 0; ; redirects++) {
      const refused = options.allowUrl?.(url) ?? null;
      if (refused !== null) return { kind: 'failed', reason: redirects === 0 ? refused : `redirect refused: ${refused}` };
      const hop = await requestOnce(url, validators, options, controller.signal);
      if (hop.kind !== 'redirect') return hop;
      if (redirects >= options.maxRedirects) {
        return { kind: 'failed', reason: `too many redirects (more than ${options.maxRedirects})` };
      }
      let next: URL;
      try {
        next = new URL(hop.location, url);
      } catch {
        return { kind: 'failed', reason: `invalid redirect location "${hop.location}" from ${url.href}` };
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return { kind: 'failed', reason: `redirect to unsupported scheme "${next.protocol}" from ${url.href}` };
      }
      url = next;
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/** One request/response exchange; resolves (never rejects) with a result or a redirect to follow. */
function requestOnce(url: URL, validators: Validators, options: FetchOptions, signal: AbortSignal): Promise<Hop> {
  return new Promise<Hop>((resolve) => {
    const fail = (error: unknown): void => {
      const reason = signal.reason instanceof FetchAbort ? signal.reason.message : describeNetworkError(error, url);
      resolve({ kind: 'failed', reason });
    };
    const headers: Record<string, string> = {
      'user-agent': options.userAgent,
      accept: ACCEPT,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (validators.etag !== null) headers['if-none-match'] = validators.etag;
    if (validators.lastModified !== null) headers['if-modified-since'] = validators.lastModified;

    const client = url.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    try {
      req = client.request(url, { method: 'GET', headers, signal, ...(options.lookup ? { lookup: options.lookup } : {}) });
    } catch (error) {
      fail(error); // e.g. invalid characters in a validator header
      return;
    }
    let connectTimer: NodeJS.Timeout | undefined;
    req.on('socket', (socket) => {
      if (!socket.connecting) return; // a reused keep-alive connection
      connectTimer = setTimeout(() => {
        req.destroy(new Error(`could not connect to ${url.host} within ${formatDuration(options.connectTimeoutMs)}`));
      }, options.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.on('close', () => clearTimeout(connectTimer));
    req.on('error', fail);
    req.on('response', (res) => {
      readResponse(res, url, options).then(resolve, fail);
    });
    req.end();
  });
}

async function readResponse(res: IncomingMessage, url: URL, options: FetchOptions): Promise<Hop> {
  const status = res.statusCode ?? 0;
  const header = (name: string): string | null => {
    const value = res.headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  const statusLine = `HTTP ${status} ${res.statusMessage || http.STATUS_CODES[status] || ''}`.trim();

  if (REDIRECT_STATUSES.has(status)) {
    discard(res);
    const location = header('location');
    if (location) return { kind: 'redirect', location };
    return { kind: 'http-error', status, retryAfterSeconds: null, reason: `${statusLine} without a Location header` };
  }
  if (status === 304) {
    res.resume(); // a 304 has no body (RFC 9110 §15.4.5) whatever its headers say: keep the connection
    return { kind: 'not-modified', maxAgeSeconds: parseMaxAge(header('cache-control')) };
  }
  if (status < 200 || status >= 300) {
    discard(res);
    // Retry-After only means "back off" on 429 and 503 (RFC 9110 §15.5.29 and §15.6.4).
    const retryAfterSeconds = status === 429 || status === 503 ? parseRetryAfter(header('retry-after'), new Date()) : null;
    return { kind: 'http-error', status, retryAfterSeconds, reason: statusLine };
  }

  const tooLarge = `body exceeds the ${formatBytes(options.maxBytes)} limit; aborted`;
  if (Number(header('content-length') ?? 0) > options.maxBytes) {
    res.destroy();
    return { kind: 'failed', reason: tooLarge };
  }
  const body = await readBody(res, header('content-encoding'), options.maxBytes);
  if (body.kind === 'too-large') return { kind: 'failed', reason: tooLarge };
  if (body.kind === 'bad-encoding') return { kind: 'failed', reason: body.reason };
  return {
    kind: 'ok',
    body: body.body,
    contentType: header('content-type'),
    validators: { etag: header('etag'), lastModified: header('last-modified') },
    finalUrl: url.href,
    maxAgeSeconds: parseMaxAge(header('cache-control')),
    // RFC 8288 links (a WebSub hub and the feed's self URL); Node joins repeated headers with ", ".
    linkHeader: header('link'),
  };
}

/**
 * Drops a body we do not need: drained while small (keeps the connection alive for the next poll),
 * the connection closed once it passes DRAIN_LIMIT_BYTES, declared or counted (chunked bodies).
 */
function discard(res: IncomingMessage): void {
  if (Number(res.headers['content-length'] ?? 0) > DRAIN_LIMIT_BYTES) {
    res.destroy();
    return;
  }
  let drained = 0;
  res.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) res.destroy();
  });
  res.resume();
}
