// A loopback HTTP server for feed tests (unit and end-to-end): serves fixtures with ETag,
// Last-Modified, 304s and compression, and misbehaves on demand (errors, stalls, huge, redirects, drip).
//
//   const server = await startFeedServer();
//   server.route('/world.xml', serveBody(rssXml, { contentType: 'application/rss+xml' }));
//   const result = await fetchFeed(server.url('/world.xml'), NO_VALIDATORS, options);
//   server.route('/world.xml', serveBody(rssXmlWithNewItem)); // "publish": new ETag and Last-Modified
//   expect(server.requestsTo('/world.xml')[1]?.headers['if-none-match']).toBe(...);
//   await server.close();
//
// Unknown paths answer 404. Every request is logged in `requests`, with an `ended` promise telling
// whether the response finished or the client hung up (and how many body bytes were sent).
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

export type ContentEncoding = 'gzip' | 'br' | 'deflate' | 'identity';

export type Behaviour =
  | {
      readonly kind: 'body';
      readonly body: Buffer;
      readonly contentType: string;
      readonly etag: string | null;
      readonly lastModified: Date | null;
      readonly headers: OutgoingHttpHeaders;
      readonly encoding: ContentEncoding | 'auto';
    }
  | { readonly kind: 'status'; readonly status: number; readonly headers: OutgoingHttpHeaders; readonly body: Buffer }
  | { readonly kind: 'stall'; readonly phase: 'headers' | 'body' }
  | { readonly kind: 'huge'; readonly totalBytes: number; readonly chunkBytes: number; readonly contentLength: boolean }
  | { readonly kind: 'redirect'; readonly status: number; readonly location: string }
  | { readonly kind: 'drip'; readonly body: Buffer; readonly chunkBytes: number; readonly intervalMs: number }
  | { readonly kind: 'handler'; readonly handle: (req: IncomingMessage, res: ServerResponse) => void };

export interface RequestEnd {
  /** finished: the whole response was sent; client-closed: the client hung up first. */
  readonly how: 'finished' | 'client-closed';
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  /** Body bytes handed to the socket (after compression). */
  readonly bytesSent: number;
}

export interface RecordedRequest {
  readonly method: string;
  /** Path with query string, as requested. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly ended: Promise<RequestEnd>;
}

export interface FeedServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** Absolute URL of a path on this server: url('/feed.xml'). */
  url(path: string): string;
  /** Sets (or replaces) what `path` answers; the query string is ignored when matching. */
  route(path: string, behaviour: Behaviour): void;
  /** Every request received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  /** Closes the server and every open connection (stalled ones included). */
  close(): Promise<void>;
}

export interface BodyOptions {
  /** Default: application/rss+xml; charset=utf-8. */
  contentType?: string;
  /** Default: a hash of the body. false: send no ETag. */
  etag?: string | false;
  /** Default: the time serveBody was called (whole seconds). false: send no Last-Modified. */
  lastModified?: Date | false;
  headers?: OutgoingHttpHeaders;
  /** auto (default): br, gzip or deflate if the client accepts one; otherwise forced. */
  encoding?: ContentEncoding | 'auto';
}

/** A feed document with validators; answers 304 to a matching conditional request. */
export function serveBody(body: string | Buffer, options: BodyOptions = {}): Behaviour {
  const bytes = Buffer.from(body);
  const lastModified = options.lastModified ?? new Date(Math.floor(Date.now() / 1000) * 1000);
  return {
    kind: 'body',
    body: bytes,
    contentType: options.contentType ?? 'application/rss+xml; charset=utf-8',
    etag: options.etag === false ? null : (options.etag ?? `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`),
    lastModified: lastModified === false ? null : lastModified,
    headers: options.headers ?? {},
    encoding: options.encoding ?? 'auto',
  };
}

/** Any status with optional headers and body sent as is: respondWith(429, { headers: { 'retry-after': '120' } }). */
export function respondWith(status: number, options: { headers?: OutgoingHttpHeaders; body?: string | Buffer } = {}): Behaviour {
  return { kind: 'status', status, headers: options.headers ?? {}, body: Buffer.from(options.body ?? '') };
}

/** Accept the request and never answer ('headers'), or send 200 headers and a little body, then nothing ('body'). */
export function stallResponse(phase: 'headers' | 'body' = 'headers'): Behaviour {
  return { kind: 'stall', phase };
}

/** Stream filler XML until `totalBytes` (default: endless) or until the client disconnects. */
export function streamHuge(options: { totalBytes?: number; chunkBytes?: number; contentLength?: boolean } = {}): Behaviour {
  return {
    kind: 'huge',
    totalBytes: options.totalBytes ?? Number.POSITIVE_INFINITY,
    chunkBytes: options.chunkBytes ?? 64 * 1024,
    contentLength: options.contentLength ?? false,
  };
}

/** Redirect to a path on this server or an absolute URL (302 by default). Two routes pointing at each other make a loop. */
export function redirectTo(location: string, status = 302): Behaviour {
  return { kind: 'redirect', status, location };
}

/** Send `body` slowly: `chunkBytes` every `intervalMs`. */
export function dripBody(body: string | Buffer, options: { chunkBytes?: number; intervalMs?: number } = {}): Behaviour {
  return { kind: 'drip', body: Buffer.from(body), chunkBytes: options.chunkBytes ?? 16, intervalMs: options.intervalMs ?? 50 };
}

/** Escape hatch for a one-off misbehaviour. */
export function handleWith(handle: (req: IncomingMessage, res: ServerResponse) => void): Behaviour {
  return { kind: 'handler', handle };
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Behaviour>();
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let bytesSent = 0;
    const count = (chunk: unknown): void => {
      if (typeof chunk === 'string' || chunk instanceof Uint8Array) bytesSent += Buffer.byteLength(chunk);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((...args: unknown[]) => (count(args[0]), write(...args))) as typeof res.write;
    res.end = ((...args: unknown[]) => (count(args[0]), end(...args))) as typeof res.end;
    // writeHead(status, headers) bypasses getHeaders(), so remember what it was given.
    let sentHeaders: OutgoingHttpHeaders = {};
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    res.writeHead = ((...args: unknown[]) => {
      const given = args.find((arg) => typeof arg === 'object' && arg !== null) as OutgoingHttpHeaders | undefined;
      sentHeaders = Object.fromEntries(Object.entries(given ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
      return writeHead(...args);
    }) as typeof res.writeHead;
    const ended = new Promise<RequestEnd>((resolve) => {
      res.on('close', () => {
        resolve({ how: res.writableFinished ? 'finished' : 'client-closed', status: res.statusCode, headers: { ...res.getHeaders(), ...sentHeaders }, bytesSent });
      });
    });
    ended.catch(() => undefined);
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, ended });
    const behaviour = routes.get(path.split('?')[0] ?? path);
    if (!behaviour) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    answer(behaviour, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    route: (path, behaviour) => void routes.set(path, behaviour),
    requests,
    requestsTo: (path) => requests.filter((r) => (r.path.split('?')[0] ?? r.path) === path),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function answer(behaviour: Behaviour, req: IncomingMessage, res: ServerResponse): void {
  switch (behaviour.kind) {
    case 'body':
      return answerBody(behaviour, req, res);
    case 'status':
      res.writeHead(behaviour.status, behaviour.headers).end(behaviour.body);
      return;
    case 'stall':
      if (behaviour.phase === 'body') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write(Buffer.from('<?xml version="1.0"?>\n<rss version="2.0"><channel>'));
      }
      return; // closeAllConnections() in close() ends it
    case 'huge':
      return streamFiller(behaviour, res);
    case 'redirect':
      res.writeHead(behaviour.status, { location: behaviour.location }).end();
      return;
    case 'drip':
      return drip(behaviour, res);
    case 'handler':
      return behaviour.handle(req, res);
  }
}

function answerBody(behaviour: Extract<Behaviour, { kind: 'body' }>, req: IncomingMessage, res: ServerResponse): void {
  const validators: OutgoingHttpHeaders = {};
  if (behaviour.etag !== null) validators.etag = behaviour.etag;
  if (behaviour.lastModified !== null) validators['last-modified'] = behaviour.lastModified.toUTCString();
  if (isNotModified(behaviour, req.headers)) {
    res.writeHead(304, { ...behaviour.headers, ...validators }).end();
    return;
  }
  const encoding = behaviour.encoding === 'auto' ? pickEncoding(req.headers['accept-encoding']) : behaviour.encoding;
  const body = compress(behaviour.body, encoding);
  res.writeHead(200, {
    'content-type': behaviour.contentType,
    'content-length': body.length,
    vary: 'Accept-Encoding',
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    ...validators,
    ...behaviour.headers,
  });
  res.end(body);
}

/** RFC 9110 §13.1.1-13.1.3: If-None-Match wins; If-Modified-Since only when there is none. */
function isNotModified(behaviour: Extract<Behaviour, { kind: 'body' }>, headers: IncomingHttpHeaders): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (behaviour.etag === null) return false;
    const strip = (tag: string): string => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(behaviour.etag ?? ''));
  }
  const since = Date.parse(headers['if-modified-since'] ?? '');
  return behaviour.lastModified !== null && !Number.isNaN(since) && behaviour.lastModified.getTime() <= since;
}

function pickEncoding(acceptEncoding: string | undefined): ContentEncoding {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(';')[0]?.trim()),
  );
  for (const encoding of ['br', 'gzip', 'deflate'] as const) if (accepted.has(encoding)) return encoding;
  return 'identity';
}

function compress(body: Buffer, encoding: ContentEncoding): Buffer {
  switch (encoding) {
    case 'gzip':
      return zlib.gzipSync(body);
    case 'br':
      return zlib.brotliCompressSync(body);
    case 'deflate':
      return zlib.deflateSync(body);
    case 'identity':
      return body;
  }
}

function streamFiller(behaviour: Extract<Behaviour, { kind: 'huge' }>, res: ServerResponse): void {
  const headers: OutgoingHttpHeaders = { 'content-type': 'application/rss+xml' };
  if (behaviour.contentLength && Number.isFinite(behaviour.totalBytes)) headers['content-length'] = behaviour.totalBytes;
  res.writeHead(200, headers);
  const filler = Buffer.alloc(behaviour.chunkBytes, '<!-- filler -->\n');
  let sent = 0;
  const pump = (): void => {
    while (!res.destroyed && sent < behaviour.totalBytes) {
      const chunk = filler.subarray(0, Math.min(filler.length, behaviour.totalBytes - sent));
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

function drip(behaviour: Extract<Behaviour, { kind: 'drip' }>, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': behaviour.body.length });
  let offset = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(behaviour.body.subarray(offset, offset + behaviour.chunkBytes));
    offset += behaviour.chunkBytes;
    if (offset >= behaviour.body.length) {
      clearInterval(timer);
      res.end();
    }
  }, behaviour.intervalMs);
  res.on('close', () => clearInterval(timer));
}
