// Slack's Socket Mode on loopback (docs/chat-limits.md#testing-against-local-emulators): `apps.connections.open` on the Slack emulator
// answers a websocket URL for the app-level token; the socket says hello, then carries envelopes
// (slash_commands, interactive) that the app must ack with their envelope_id.
//
//   const socket = await startSlackSocketMode(slack, 'xapp-test');
//   const ack = await socket.deliver('slash_commands', { command: '/news', text: 'status', … });
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { SlackEmulator } from './slack-emulator.ts';

export interface SlackSocketMode {
  readonly url: string;
  /** Resolves once an app holds a connection. */
  connected(timeoutMs?: number): Promise<void>;
  /** Sends an envelope to the connected app; resolves with its ack (`{envelope_id, payload}`). */
  deliver(type: 'slash_commands' | 'interactive', payload: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startSlackSocketMode(slack: SlackEmulator, appToken: string): Promise<SlackSocketMode> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  const sockets = new Set<WebSocket>();
  const pending = new Map<string, (ack: Record<string, unknown>) => void>();
  let counter = 0;

  slack.route('POST', '/api/apps.connections.open', ({ headers }) =>
    headers.authorization === `Bearer ${appToken}` ? { status: 200, body: { ok: true, url } } : { status: 200, body: { ok: false, error: 'invalid_auth' } },
  { auth: 'none' });

  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      const resolve = pending.get(String(message.envelope_id));
      pending.delete(String(message.envelope_id));
      resolve?.(message);
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'emulator', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0WIREWATCH' } }));
  });

  return {
    url,
    connected: async (timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (sockets.size === 0) {
        if (Date.now() > deadline) throw new Error('slack-socket-emulator: no app connected');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    deliver: (type, payload, timeoutMs = 3000) => new Promise((resolve, reject) => {
      const [socket] = sockets;
      if (socket === undefined) return reject(new Error('slack-socket-emulator: no app connected'));
      counter += 1;
      const envelopeId = `envelope-${counter}`;
      // Slack gives up on an envelope not acked within 3 s, as on the HTTP endpoint.
      const timer = setTimeout(() => {
        pending.delete(envelopeId);
        reject(new Error(`slack-socket-emulator: ${envelopeId} not acked within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type === 'slash_commands' }));
    }),
    close: async () => {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
