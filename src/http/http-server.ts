// The one HTTP server wirewatch listens on (`http: { host, port }`): `GET /healthz` (the process
// answers), `GET /readyz` (200, or 503 with the reasons), `GET /metrics` (Prometheus text), and
// the paths other parts mount (Slack's request URL at /slack/events).
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/create-logger.ts';
import type { Readiness } from './readiness.ts';

export interface HttpServerOptions {
  readonly host: string;
  /** 0: any free port (tests). */
  readonly port: number;
  readonly readiness: () => Promise<Readiness>;
  readonly metrics: () => Promise<{ contentType: string; body: string }>;
  readonly log: Pick<Logger, 'info' | 'error'>;
}

/** Lets another part serve one path (and everything under it) on this server. */
export interface HttpMount {
  mount(path: string, listener: RequestListener): void;
}

export interface HttpServer extends HttpMount {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  const mounts = new Map<string, RequestListener>();
  const builtIn = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (path !== '/healthz' && path !== '/readyz' && path !== '/metrics') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply(res, 405, 'method not allowed: use GET\n', { allow: 'GET, HEAD' });
      return true;
    }
    if (path === '/healthz') reply(res, 200, 'ok\n');
    else if (path === '/metrics') {
      const { contentType, body } = await opts.metrics();
      reply(res, 200, body, { 'content-type': contentType });
    } else {
      const readiness = await opts.readiness();
      reply(res, readiness.ready ? 200 : 503, readiness.ready ? 'ready\n' : `not ready: ${readiness.reasons.join('; ')}\n`);
    }
    return true;
  };
  const server = createServer((req, res) => {
    const path = pathOf(req.url);
    builtIn(req, res, path)
      .then((handled) => {
        if (handled) return;
        const listener = [...mounts].find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`))?.[1];
        if (listener === undefined) reply(res, 404, 'not found\n');
        else listener(req, res);
      })
      .catch((error: unknown) => {
        opts.log.error({ err: error, path }, 'http: request failed');
        if (!res.headersSent) reply(res, 500, 'internal error\n');
        else res.destroy();
      });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new Error(`http: cannot listen on ${opts.host}:${opts.port} (${error.code ?? error.message})`, { cause: error })));
    server.listen(opts.port, opts.host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  opts.log.info({ host: opts.host, port }, 'http: listening (/healthz, /readyz, /metrics)');
  return {
    host: opts.host,
    port,
    mount: (path, listener) => void mounts.set(path.replace(/\/+$/, ''), listener),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?', 1)[0] ?? '/';
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function reply(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
