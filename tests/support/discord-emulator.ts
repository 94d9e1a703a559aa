// A loopback Discord REST API (v10) for the real discord.js clients: validates every message
// against docs/chat-limits.md with Discord's status codes and error shapes, enforces
// per-route buckets and the global limit with the real headers, honours nonce + enforce_nonce,
// records what was posted, edited and threaded, and fails or stalls on demand.
//
//   const discord = await startDiscordEmulator({ channels: ['100000000000000001'] });
//   const rest = createDiscordRest(discord.token, { api: discord.apiUrl });
//   discord.failNext(1, { status: 429, retryAfter: 7 });   // or { status: 500 }; stallNext(1, 2000)
//   discord.messages('100000000000000001')                  // what the channel shows now
//   discord.route('POST', '/interactions/:id/:token/callback', handler)  // grow it: one table
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DiscordEmulatorOptions {
  /** The bot token accepted as `Authorization: Bot TOKEN`. */
  readonly token?: string;
  readonly channels?: readonly string[];
  /** Per-route bucket (route + major parameter); null disables. Discord's message bucket is 5 per 5 s. */
  readonly routeLimit?: { readonly limit: number; readonly windowMs: number } | null;
  /** Requests per second per bot across routes; null disables. */
  readonly globalPerSecond?: number | null;
  /** How long a nonce with enforce_nonce returns the first message instead of posting again. */
  readonly nonceWindowMs?: number;
}

export interface EmulatedMessage {
  readonly id: string;
  readonly channel_id: string;
  content: string;
  embeds: unknown[];
  allowed_mentions: unknown;
  readonly nonce: string | null;
  readonly timestamp: string;
  edited_timestamp: string | null;
  /** Earlier versions, oldest first (one per edit). */
  readonly history: { content: string; embeds: unknown[] }[];
  /** Who this message notified, computed as Discord does from content and allowed_mentions. */
  pinged: { everyone: boolean; users: string[]; roles: string[] };
  readonly webhook_id?: string;
  /** The thread started on this message, if any (its id equals the message id, as on Discord). */
  thread: { id: string; name: string } | null;
}

export interface DiscordRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  status: number;
}

export type Failure = { readonly status: 429; readonly retryAfter: number; readonly global?: boolean } | { readonly status: 500 | 502 | 503 | 504 };

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface RouteContext {
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly headers: IncomingHttpHeaders;
  readonly emulator: DiscordEmulator;
}

export interface RouteOptions {
  /** 'bot' requires `Bot TOKEN` and counts toward the global limit; 'none' for webhooks and interactions. */
  readonly auth?: 'bot' | 'none';
  /** Route parameter naming the bucket's major parameter (channel or webhook id); no bucket if absent. */
  readonly bucket?: string;
}

export interface DiscordEmulator {
  /** http://127.0.0.1:PORT/api, for `rest: { api }`. */
  readonly apiUrl: string;
  readonly token: string;
  readonly botUserId: string;
  addChannel(id: string, access?: 'ok' | 'no-access'): void;
  /** Registers a webhook on a channel; the id and token for WebhookClient. */
  addWebhook(channelId: string): { id: string; token: string };
  /** Messages of a channel or thread, in order, as they look now. */
  messages(channelId: string): EmulatedMessage[];
  requests(): DiscordRequest[];
  /** The next `count` requests answer this failure (429 with Discord's real headers, or a 5xx). */
  failNext(count: number, failure: Failure): void;
  /** The next `count` requests wait `ms` before being handled (a client timeout sees nothing). */
  stallNext(count: number, ms: number): void;
  /** Adds or replaces a route; `pattern` is a path after /api/v10 with :params. */
  route(method: string, pattern: string, handle: (ctx: RouteContext) => Reply | Promise<Reply>, opts?: RouteOptions): void;
  close(): Promise<void>;
}

const LIMITS = { content: 2000, embeds: 10, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, author: 256, total: 6000, nonce: 25 };
const DISCORD_EPOCH = 1420070400000n;

interface Route extends RouteOptions {
  readonly method: string;
  readonly pattern: string;
  readonly regex: RegExp;
  readonly names: string[];
  readonly handle: (ctx: RouteContext) => Reply | Promise<Reply>;
}

export async function startDiscordEmulator(opts: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const token = opts.token ?? 'test-bot-token';
  const routeLimit = opts.routeLimit === undefined ? { limit: 5, windowMs: 5000 } : opts.routeLimit;
  const globalPerSecond = opts.globalPerSecond === undefined ? 50 : opts.globalPerSecond;
  const nonceWindowMs = opts.nonceWindowMs ?? 5 * 60_000;
  const channels = new Map<string, { access: 'ok' | 'no-access'; messages: EmulatedMessage[] }>();
  const webhooks = new Map<string, { token: string; channelId: string }>();
  const nonces = new Map<string, { message: EmulatedMessage; at: number }>();
  const buckets = new Map<string, { count: number; resetAt: number }>();
  const global = { count: 0, resetAt: 0 };
  const routes: Route[] = [];
  const log: DiscordRequest[] = [];
  const failures: Failure[] = [];
  const stalls: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let sequence = 0n;
  const botUserId = snowflake();

  function snowflake(): string {
    sequence += 1n;
    return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (sequence & 0x3fffffn)).toString();
  }
  const findMessage = (channelId: string, id: string) => channels.get(channelId)?.messages.find((m) => m.id === id);
  const channelError = (id: string): Reply | null => {
    const channel = channels.get(id);
    if (!channel) return error(404, 10003, 'Unknown Channel');
    return channel.access === 'ok' ? null : error(403, 50001, 'Missing Access');
  };

  function createMessage(channelId: string, body: Record<string, unknown>, webhookId?: string): Reply {
    const invalid = validateMessage(body, 'create');
    if (invalid) return invalid;
    if (body.enforce_nonce === true && body.nonce !== undefined) {
      const seen = nonces.get(`${channelId}:${String(body.nonce)}`);
      if (seen && Date.now() - seen.at < nonceWindowMs) return { status: 200, body: seen.message };
    }
    const message: EmulatedMessage = {
      id: snowflake(),
      channel_id: channelId,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      allowed_mentions: body.allowed_mentions,
      nonce: body.nonce === undefined ? null : String(body.nonce),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      history: [],
      pinged: { everyone: false, users: [], roles: [] },
      thread: null,
      ...(webhookId === undefined ? {} : { webhook_id: webhookId }),
    };
    message.pinged = computePings(message.content, body.allowed_mentions);
    channels.get(channelId)?.messages.push(message);
    if (body.enforce_nonce === true && body.nonce !== undefined) nonces.set(`${channelId}:${String(body.nonce)}`, { message, at: Date.now() });
    return { status: 200, body: message };
  }

  function editMessage(message: EmulatedMessage, body: Record<string, unknown>): Reply {
    const invalid = validateMessage(body, 'edit');
    if (invalid) return invalid;
    message.history.push({ content: message.content, embeds: message.embeds });
    if (typeof body.content === 'string') message.content = body.content;
    if (Array.isArray(body.embeds)) message.embeds = body.embeds;
    if (body.allowed_mentions !== undefined) message.allowed_mentions = body.allowed_mentions;
    message.edited_timestamp = new Date().toISOString();
    return { status: 200, body: message };
  }

  const emulator: DiscordEmulator = {
    apiUrl: '',
    token,
    botUserId,
    addChannel: (id, access = 'ok') => void channels.set(id, { access, messages: channels.get(id)?.messages ?? [] }),
    addWebhook: (channelId) => {
      const id = snowflake();
      const hookToken = `hook-${id}-token`;
      webhooks.set(id, { token: hookToken, channelId });
      return { id, token: hookToken };
    },
    messages: (channelId) => [...(channels.get(channelId)?.messages ?? [])],
    requests: () => [...log],
    failNext: (count, failure) => void failures.push(...Array.from({ length: count }, () => failure)),
    stallNext: (count, ms) => void stalls.push(...Array.from({ length: count }, () => ms)),
    route: (method, pattern, handle, routeOpts = {}) => {
      const names: string[] = [];
      const source = pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'));
      const index = routes.findIndex((r) => r.method === method && r.pattern === pattern);
      const route: Route = { method, pattern, regex: new RegExp(`^${source}$`), names, handle, auth: routeOpts.auth ?? 'bot', ...(routeOpts.bucket ? { bucket: routeOpts.bucket } : {}) };
      if (index >= 0) routes[index] = route;
      else routes.push(route);
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const asObject = (body: unknown): Record<string, unknown> => (body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {});
  emulator.route('POST', '/channels/:channel/messages', ({ params, body }) => {
    const channel = params.channel ?? '';
    return channelError(channel) ?? createMessage(channel, asObject(body));
  }, { bucket: 'channel' });
  emulator.route('GET', '/channels/:channel/messages/:message', ({ params }) => {
    const message = findMessage(params.channel ?? '', params.message ?? '');
    return channelError(params.channel ?? '') ?? (message ? { status: 200, body: message } : error(404, 10008, 'Unknown Message'));
  }, { bucket: 'channel' });
  emulator.route('PATCH', '/channels/:channel/messages/:message', ({ params, body }) => {
    const message = findMessage(params.channel ?? '', params.message ?? '');
    return channelError(params.channel ?? '') ?? (message ? editMessage(message, asObject(body)) : error(404, 10008, 'Unknown Message'));
  }, { bucket: 'channel' });
  emulator.route('POST', '/channels/:channel/messages/:message/threads', ({ params, body }) => {
    const parent = params.channel ?? '';
    const message = findMessage(parent, params.message ?? '');
    const denied = channelError(parent);
    if (denied) return denied;
    if (!message) return error(404, 10008, 'Unknown Message');
    const name = asObject(body).name;
    if (typeof name !== 'string' || name.length < 1 || name.length > 100) {
      return invalidForm({ name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] } });
    }
    if (message.thread) return error(400, 160004, 'A thread has already been created for this message');
    message.thread = { id: message.id, name };
    channels.set(message.id, { access: 'ok', messages: [] });
    return { status: 201, body: { id: message.id, type: 11, parent_id: parent, name, owner_id: botUserId } };
  }, { bucket: 'channel' });
  const webhookFor = (params: Record<string, string>): { channelId: string } | Reply => {
    const hook = webhooks.get(params.id ?? '');
    if (!hook) return error(404, 10015, 'Unknown Webhook');
    return hook.token === params.token ? hook : error(401, 50027, 'Invalid Webhook Token');
  };
  emulator.route('POST', '/webhooks/:id/:token', ({ params, body, query }) => {
    const hook = webhookFor(params);
    if ('status' in hook) return hook;
    const reply = createMessage(hook.channelId, asObject(body), params.id);
    return reply.status === 200 && query.get('wait') !== 'true' ? { status: 204 } : reply;
  }, { auth: 'none', bucket: 'id' });
  emulator.route('PATCH', '/webhooks/:id/:token/messages/:message', ({ params, body }) => {
    const hook = webhookFor(params);
    if ('status' in hook) return hook;
    const message = findMessage(hook.channelId, params.message ?? '');
    return message && message.webhook_id === params.id ? editMessage(message, asObject(body)) : error(404, 10008, 'Unknown Message');
  }, { auth: 'none', bucket: 'id' });

  function rateLimit(route: Route, params: Record<string, string>): { headers: Record<string, string>; limited: Reply | null } {
    const now = Date.now();
    if (route.auth === 'bot' && globalPerSecond !== null) {
      if (now >= global.resetAt) Object.assign(global, { count: 0, resetAt: now + 1000 });
      if (global.count >= globalPerSecond) return { headers: {}, limited: tooMany((global.resetAt - now) / 1000, 'global') };
      global.count += 1;
    }
    if (route.bucket === undefined || routeLimit === null) return { headers: {}, limited: null };
    const key = `${route.method} ${route.pattern} ${params[route.bucket] ?? ''}`;
    let bucket = buckets.get(key);
    if (!bucket || now >= bucket.resetAt) buckets.set(key, (bucket = { count: 0, resetAt: now + routeLimit.windowMs }));
    const resetAfter = (bucket.resetAt - now) / 1000;
    const headers = {
      'x-ratelimit-limit': String(routeLimit.limit),
      'x-ratelimit-remaining': String(Math.max(0, routeLimit.limit - bucket.count - 1)),
      'x-ratelimit-reset': (bucket.resetAt / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': Buffer.from(`${route.method} ${route.pattern}`).toString('hex').slice(0, 32),
    };
    if (bucket.count >= routeLimit.limit) return { headers: {}, limited: tooMany(resetAfter, 'user', { ...headers, 'x-ratelimit-remaining': '0' }) };
    bucket.count += 1;
    return { headers, limited: null };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/api\/v10(?=\/)/, '');
    let body: unknown = null;
    try {
      body = raw === '' ? null : JSON.parse(raw);
    } catch {
      body = null;
    }
    const entry: DiscordRequest = { method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers, body, status: 0 };
    log.push(entry);
    const stall = stalls.shift();
    if (stall !== undefined) await new Promise<void>((resolve) => timers.add(setTimeout(resolve, stall)));
    const reply = await dispatch(entry.method, path, url.searchParams, body, req.headers);
    entry.status = reply.status;
    if (res.destroyed) return;
    const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, { ...(payload ? { 'content-type': 'application/json' } : {}), ...reply.headers });
    res.end(payload);
  }

  async function dispatch(method: string, path: string, query: URLSearchParams, body: unknown, headers: IncomingHttpHeaders): Promise<Reply> {
    const matches = routes.filter((r) => r.regex.test(path));
    const route = matches.find((r) => r.method === method);
    if (!route) return matches.length > 0 ? { status: 405, body: { message: '405: Method Not Allowed', code: 0 } } : { status: 404, body: { message: '404: Not Found', code: 0 } };
    const values = route.regex.exec(path)?.slice(1) ?? [];
    const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]));
    if (route.auth === 'bot' && headers.authorization !== `Bot ${token}`) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    const failure = failures.shift();
    if (failure) return failure.status === 429 ? tooMany(failure.retryAfter, failure.global ? 'global' : 'user') : { status: failure.status, body: { message: `${failure.status}: emulated failure`, code: 0 } };
    const limits = rateLimit(route, params);
    if (limits.limited) return limits.limited;
    const reply = await route.handle({ params, query, body, headers, emulator });
    return { ...reply, headers: { ...limits.headers, ...reply.headers } };
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((cause: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `emulator bug: ${String(cause)}`, code: 0 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(emulator, { apiUrl: `http://127.0.0.1:${port}/api` });
  for (const id of opts.channels ?? []) emulator.addChannel(id);
  return emulator;
}

function error(status: number, code: number, message: string): Reply {
  return { status, body: { message, code } };
}

function invalidForm(errors: unknown): Reply {
  return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors } };
}

/** A 429 as Discord sends it: discord.js reads the headers, other clients the body. */
function tooMany(retryAfter: number, scope: 'user' | 'global' | 'shared', extra: Record<string, string> = {}): Reply {
  const headers: Record<string, string> = { ...extra, 'retry-after': retryAfter.toFixed(3), 'x-ratelimit-scope': scope };
  if (scope === 'global') headers['x-ratelimit-global'] = 'true';
  return { status: 429, headers, body: { message: 'You are being rate limited.', retry_after: Number(retryAfter.toFixed(3)), global: scope === 'global' } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Who a message notifies: mentions in `content` only, filtered by allowed_mentions (absent: everything). */
export function computePings(content: string, allowed: unknown): { everyone: boolean; users: string[]; roles: string[] } {
  const rules = allowed !== null && typeof allowed === 'object' ? (allowed as { parse?: string[]; users?: string[]; roles?: string[] }) : null;
  const may = (kind: 'users' | 'roles' | 'everyone', id?: string): boolean => {
    if (rules === null) return true;
    if (rules.parse?.includes(kind)) return true;
    return id !== undefined && kind !== 'everyone' && (rules[kind] ?? []).includes(id);
  };
  const users = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? '').filter((id) => may('users', id));
  const roles = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] ?? '').filter((id) => may('roles', id));
  return { everyone: /@(everyone|here)\b/.test(content) && may('everyone'), users, roles };
}

type ErrorTree = { [key: string]: ErrorTree } & { _errors?: { code: string; message: string }[] };

/** Validates a create/edit body as Discord does; null when valid, else the 400 reply. */
export function validateMessage(body: Record<string, unknown>, mode: 'create' | 'edit'): Reply | null {
  const tree: ErrorTree = {};
  const add = (path: (string | number)[], code: string, message: string): void => {
    let node = tree;
    for (const key of path) node = (node[String(key)] ??= {} as ErrorTree);
    (node._errors ??= []).push({ code, message });
  };
  const maxLength = (path: (string | number)[], value: unknown, max: number, min = 0): number => {
    if (value === undefined || value === null) {
      if (min > 0) add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return 0;
    }
    if (typeof value !== 'string') return add(path, 'STRING_TYPE_CONVERT', 'Could not interpret value as string.'), 0;
    if (value.length > max || value.length < min) {
      add(path, min > 0 ? 'BASE_TYPE_BAD_LENGTH' : 'BASE_TYPE_MAX_LENGTH', min > 0 ? `Must be between ${min} and ${max} in length.` : `Must be ${max} or fewer in length.`);
    }
    return value.length;
  };
  maxLength(['content'], body.content, LIMITS.content);
  if (body.nonce !== undefined && !(typeof body.nonce === 'number' && Number.isInteger(body.nonce))) maxLength(['nonce'], body.nonce, LIMITS.nonce);
  const embeds = body.embeds;
  if (embeds !== undefined && embeds !== null) {
    if (!Array.isArray(embeds)) add(['embeds'], 'LIST_TYPE_CONVERT', 'Must be an array.');
    else {
      if (embeds.length > LIMITS.embeds) add(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.embeds} or fewer in length.`);
      let total = 0;
      embeds.forEach((raw: unknown, i) => {
        const embed = (raw ?? {}) as Record<string, unknown>;
        total += maxLength(['embeds', i, 'title'], embed.title, LIMITS.title);
        total += maxLength(['embeds', i, 'description'], embed.description, LIMITS.description);
        if (embed.url !== undefined && !isHttpUrl(embed.url)) add(['embeds', i, 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
        if (embed.color !== undefined && !(Number.isInteger(embed.color) && (embed.color as number) >= 0 && (embed.color as number) <= 0xffffff)) {
          add(['embeds', i, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
        }
        if (embed.timestamp !== undefined && (!/^\d{4}-\d\d-\d\dT/.test(String(embed.timestamp)) || Number.isNaN(Date.parse(String(embed.timestamp))))) add(['embeds', i, 'timestamp'], 'DATE_TYPE_PARSE', 'Could not parse timestamp. Should be ISO8601.');
        const footer = embed.footer as Record<string, unknown> | undefined;
        if (footer !== undefined) total += maxLength(['embeds', i, 'footer', 'text'], footer.text, LIMITS.footer, 1);
        const author = embed.author as Record<string, unknown> | undefined;
        if (author !== undefined) total += maxLength(['embeds', i, 'author', 'name'], author.name, LIMITS.author, 1);
        const fields = embed.fields;
        if (Array.isArray(fields)) {
          if (fields.length > LIMITS.fields) add(['embeds', i, 'fields'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.fields} or fewer in length.`);
          fields.forEach((field: Record<string, unknown>, j) => {
            total += maxLength(['embeds', i, 'fields', j, 'name'], field.name, LIMITS.fieldName, 1);
            total += maxLength(['embeds', i, 'fields', j, 'value'], field.value, LIMITS.fieldValue, 1);
          });
        }
      });
      if (total > LIMITS.total) add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${LIMITS.total}`);
    }
  }
  const allowed = body.allowed_mentions as Record<string, unknown> | undefined | null;
  if (allowed !== undefined && allowed !== null) {
    const parse = Array.isArray(allowed.parse) ? (allowed.parse as unknown[]) : [];
    parse.forEach((kind, i) => {
      if (kind !== 'users' && kind !== 'roles' && kind !== 'everyone') add(['allowed_mentions', 'parse', i], 'ENUM_TYPE_COERCE', `Value "${String(kind)}" is not a valid enum value.`);
    });
    for (const kind of ['users', 'roles'] as const) {
      if (parse.includes(kind) && Array.isArray(allowed[kind]) && (allowed[kind] as unknown[]).length > 0) {
        add(['allowed_mentions'], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`);
      }
    }
  }
  if (Object.keys(tree).length > 0) return invalidForm(tree);
  const empty = (typeof body.content !== 'string' || body.content === '') && (!Array.isArray(embeds) || embeds.length === 0);
  if (mode === 'create' && empty) return error(400, 50006, 'Cannot send an empty message');
  return null;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
