// Postgres for fault tests: a fresh database per test, with an admin connection to kill its sessions
// (the worker uses its `public` schema), and a TCP pass-through in front of Postgres to stage outages.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

export const TEST_POSTGRES_URL = process.env['WIREWATCH_TEST_DATABASE_URL'] ?? null;

export interface TestDatabase {
  readonly name: string;
  /** The database's URL, optionally through another host:port (a proxy). */
  url(via?: string): string;
  /** Runs SQL on the server's maintenance connection (not in the test database). */
  admin(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `wirewatch_e2e_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = (via?: string): string => {
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    if (via !== undefined) u.host = via;
    return u.toString();
  };
  return {
    name,
    url,
    admin: (text, values) => admin.query(text, values),
    async drop() {
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      await admin.query(`drop database if exists "${name}"`);
      await admin.end();
    },
  };
}

export interface SwitchableProxy {
  /** host:port of the proxy on 127.0.0.1. */
  readonly address: string;
  /** Drops every connection and refuses new ones (ECONNREFUSED) until up(). */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startSwitchableProxy(target: { host: string; port: number }): Promise<SwitchableProxy> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = async (): Promise<void> => {
    const s = createServer((client) => {
      const upstream = connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', resolve));
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const stop = async (): Promise<void> => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s !== null) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return { address: `127.0.0.1:${port}`, down: stop, up: listen, close: stop };
}
