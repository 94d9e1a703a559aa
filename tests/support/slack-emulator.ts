// A loopback Slack Web API and incoming-webhook endpoint for the real @slack/web-api client:
// validates Block Kit against docs/chat-limits.md with Slack's answers (HTTP 200
// {ok:false, error}), limits chat.postMessage to ~1/s per channel with short bursts (429 +
// Retry-After), records what was posted, updated and threaded, and fails or stalls on demand.
//
//   const slack = await startSlackEmulator({ channels: ['C0ALERTS'] });
//   const client = createSlackClient(slack.token, { apiUrl: slack.apiUrl });
//   slack.failNext(1, { status: 429, retryAfter: 3 });     // or { status: 503 }; stallNext(1, 2000)
//   slack.messages('C0ALERTS'); slack.replies('C0ALERTS', ts)
//   slack.route('POST', '/api/views.open', handler)         // grow it: one table
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackEmulatorOptions {
  /** The bot token accepted as `Authorization: Bearer TOKEN`. */
  readonly token?: string;
  readonly channels?: readonly string[];
  /** chat.postMessage per channel: `perSecond` sustained with bursts of `burst`; null disables. */
  readonly channelLimit?: { readonly perSecond: number; readonly burst: number } | null;
}

export interface EmulatedSlackMessage {
  readonly channel: string;
  readonly ts: string;
  text: string;
  blocks: unknown[];
  readonly thread_ts: string | null;
  /** Earlier versions, oldest first (one per chat.update). */
  readonly history: { text: string; blocks: unknown[] }[];
  /** Special mentions in the mrkdwn text (<!channel>, <!here>, <!everyone>, <@U…>, <!subteam^…>). */
  mentions: string[];
  readonly via: 'api' | 'webhook';
}

export interface SlackRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
  status: number;
}

export type SlackFailure = { readonly status: 429; readonly retryAfter: number } | { readonly status: 500 | 502 | 503 | 504 };

export interface SlackReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface SlackRouteContext {
  readonly params: Record<string, string>;
  readonly body: Record<string, unknown>;
  readonly rawBody: string;
  readonly headers: IncomingHttpHeaders;
  readonly emulator: SlackEmulator;
}

export interface SlackEmulator {
  /** http://127.0.0.1:PORT/api/, for `slackApiUrl`. */
  readonly apiUrl: string;
  readonly origin: string;
  readonly token: string;
  readonly botUserId: string;
  /** member: false makes posting answer not_in_channel. */
  addChannel(id: string, opts?: { readonly member?: boolean }): void;
  /** Registers an incoming webhook posting to the channel; returns its URL. */
  addWebhook(channel: string): string;
  /** Top-level messages of a channel, in order, as they look now. */
  messages(channel: string): EmulatedSlackMessage[];
  /** Thread replies under a message. */
  replies(channel: string, ts: string): EmulatedSlackMessage[];
  requests(): SlackRequest[];
  failNext(count: number, failure: SlackFailure): void;
  stallNext(count: number, ms: number): void;
  /** Adds or replaces a route; `pattern` is a full path with :params. Web API methods check the token first. */
  route(method: string, pattern: string, handle: (ctx: SlackRouteContext) => SlackReply | Promise<SlackReply>, opts?: { readonly auth?: 'bearer' | 'none' }): void;
  close(): Promise<void>;
}

export const SLACK_EMULATOR_LIMITS = { text: 40_000, blocks: 50, header: 150, section: 3000, fields: 10, field: 2000, context: 10, contextText: 3000, actions: 25, buttonText: 75, url: 3000, actionId: 255, value: 2000, blockId: 255, blocksText: 12_000 };

interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly regex: RegExp;
  readonly names: string[];
  readonly auth: 'bearer' | 'none';
  readonly handle: (ctx: SlackRouteContext) => SlackReply | Promise<SlackReply>;
}

export async function startSlackEmulator(opts: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const token = opts.token ?? 'xoxb-test-token';
  const limit = opts.channelLimit === undefined ? { perSecond: 1, burst: 3 } : opts.channelLimit;
  const channels = new Map<string, { member: boolean; messages: EmulatedSlackMessage[] }>();
  const webhooks = new Map<string, string>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  const routes: Route[] = [];
  const log: SlackRequest[] = [];
  const failures: SlackFailure[] = [];
  const stalls: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let counter = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String((counter += 1)).padStart(6, '0')}`;
  const ok = (body: Record<string, unknown>): SlackReply => ({ status: 200, body: { ok: true, ...body } });
  const fail = (error: string, extra: Record<string, unknown> = {}): SlackReply => ({ status: 200, body: { ok: false, error, ...extra } });

  /** Token bucket per channel; null when allowed, else seconds to wait. */
  function takeToken(channel: string): number | null {
    if (limit === null) return null;
    const now = Date.now();
    const bucket = buckets.get(channel) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    buckets.set(channel, bucket);
    if (bucket.tokens >= 1) return (bucket.tokens -= 1), null;
    return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
  }

  /** Checks a message's text and blocks; the error code, or null when Slack would accept it. */
  function checkContent(body: Record<string, unknown>): { error: string; errors?: string[] } | null {
    const text = typeof body.text === 'string' ? body.text : '';
    let blocks: unknown = body.blocks;
    if (typeof blocks === 'string') {
      try {
        blocks = JSON.parse(blocks);
      } catch {
        return { error: 'invalid_blocks_format' };
      }
    }
    if (text === '' && (blocks === undefined || (Array.isArray(blocks) && blocks.length === 0))) return { error: 'no_text' };
    if (text.length > SLACK_EMULATOR_LIMITS.text) return { error: 'msg_too_long' };
    if (blocks === undefined) return null;
    const problems = validateSlackBlocks(blocks);
    if (problems.errors.length > 0) return { error: 'invalid_blocks', errors: problems.errors };
    if (problems.textLength > SLACK_EMULATOR_LIMITS.blocksText) return { error: 'msg_blocks_too_long' };
    body.blocks = blocks;
    return null;
  }

  function store(channel: string, body: Record<string, unknown>, via: 'api' | 'webhook'): EmulatedSlackMessage {
    const message: EmulatedSlackMessage = {
      channel,
      ts: nextTs(),
      text: typeof body.text === 'string' ? body.text : '',
      blocks: Array.isArray(body.blocks) ? body.blocks : [],
      thread_ts: typeof body.thread_ts === 'string' ? body.thread_ts : null,
      history: [],
      mentions: [],
      via,
    };
    message.mentions = findMentions(message);
    channels.get(channel)?.messages.push(message);
    return message;
  }

  function postMessage(body: Record<string, unknown>, via: 'api' | 'webhook', channelId: string): SlackReply {
    const channel = channels.get(channelId);
    if (!channel) return fail('channel_not_found');
    if (!channel.member) return fail('not_in_channel');
    const wait = takeToken(channelId);
    if (wait !== null) return { status: 429, headers: { 'retry-after': String(wait) }, body: { ok: false, error: 'ratelimited' } };
    const problem = checkContent(body);
    if (problem) return fail(problem.error, problem.errors ? { errors: problem.errors } : {});
    if (typeof body.thread_ts === 'string' && !channel.messages.some((m) => m.ts === body.thread_ts && m.thread_ts === null)) return fail('thread_not_found');
    const message = store(channelId, body, via);
    return ok({ channel: channelId, ts: message.ts, message: { type: 'message', user: botUserId, text: message.text, ts: message.ts, blocks: message.blocks } });
  }

  const botUserId = 'U0WIREWATCH';
  const emulator: SlackEmulator = {
    apiUrl: '',
    origin: '',
    token,
    botUserId,
    addChannel: (id, channelOpts) => void channels.set(id, { member: channelOpts?.member ?? true, messages: channels.get(id)?.messages ?? [] }),
    addWebhook: (channel) => {
      const path = `/services/T0EMULATOR/B${String(webhooks.size + 1).padStart(8, '0')}/${Math.random().toString(36).slice(2, 14)}`;
      webhooks.set(path, channel);
      return `${emulator.origin}${path}`;
    },
    messages: (channel) => (channels.get(channel)?.messages ?? []).filter((m) => m.thread_ts === null),
    replies: (channel, ts) => (channels.get(channel)?.messages ?? []).filter((m) => m.thread_ts === ts),
    requests: () => [...log],
    failNext: (count, failure) => void failures.push(...Array.from({ length: count }, () => failure)),
    stallNext: (count, ms) => void stalls.push(...Array.from({ length: count }, () => ms)),
    route: (method, pattern, handle, routeOpts) => {
      const names: string[] = [];
      const source = pattern.replace(/\./g, '\\.').replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'));
      const route: Route = { method, pattern, regex: new RegExp(`^${source}$`), names, auth: routeOpts?.auth ?? 'bearer', handle };
      const index = routes.findIndex((r) => r.method === method && r.pattern === pattern);
      if (index >= 0) routes[index] = route;
      else routes.push(route);
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  emulator.route('POST', '/api/auth.test', () => ok({ url: 'https://emulator.slack.test/', team: 'Emulator', user: 'wirewatch', team_id: 'T0EMULATOR', user_id: botUserId, bot_id: 'B0WIREWATCH' }));
  emulator.route('POST', '/api/chat.postMessage', ({ body }) => postMessage(body, 'api', String(body.channel ?? '')));
  emulator.route('POST', '/api/chat.update', ({ body }) => {
    const channel = channels.get(String(body.channel ?? ''));
    if (!channel) return fail('channel_not_found');
    const message = channel.messages.find((m) => m.ts === body.ts);
    if (!message) return fail('message_not_found');
    const problem = checkContent(body);
    if (problem) return fail(problem.error, problem.errors ? { errors: problem.errors } : {});
    message.history.push({ text: message.text, blocks: message.blocks });
    message.text = typeof body.text === 'string' ? body.text : message.text;
    if (Array.isArray(body.blocks)) message.blocks = body.blocks;
    message.mentions = findMentions(message);
    return ok({ channel: message.channel, ts: message.ts, text: message.text });
  });
  // Incoming webhooks answer plain text: "ok", or an error code with a 4xx status.
  emulator.route('POST', '/services/:team/:bot/:secret', ({ params, body }) => {
    const channel = webhooks.get(`/services/${params.team}/${params.bot}/${params.secret}`);
    if (channel === undefined) return { status: 404, body: 'no_service' };
    if (typeof body.thread_ts === 'string') delete body.thread_ts;
    const reply = postMessage(body, 'webhook', channel);
    if (reply.status !== 200) return { status: reply.status, headers: reply.headers ?? {}, body: 'rate_limited' };
    const answer = reply.body as { ok: boolean; error?: string };
    return answer.ok ? { status: 200, body: 'ok' } : { status: answer.error === 'channel_not_found' ? 404 : 400, body: answer.error ?? 'invalid_payload' };
  }, { auth: 'none' });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = parseBody(rawBody, req.headers['content-type'] ?? '');
    const entry: SlackRequest = { method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers, body, status: 0 };
    log.push(entry);
    const stall = stalls.shift();
    if (stall !== undefined) await new Promise<void>((resolve) => timers.add(setTimeout(resolve, stall)));
    const reply = await dispatch(entry, url.pathname, rawBody);
    entry.status = reply.status;
    if (res.destroyed) return;
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? { ok: true });
    res.writeHead(reply.status, { 'content-type': typeof reply.body === 'string' ? 'text/html' : 'application/json; charset=utf-8', ...reply.headers });
    res.end(text);
  }

  async function dispatch(entry: SlackRequest, path: string, rawBody: string): Promise<SlackReply> {
    const route = routes.find((r) => r.method === entry.method && r.regex.test(path));
    if (!route) return { status: 404, body: { ok: false, error: 'unknown_method' } };
    const values = route.regex.exec(path)?.slice(1) ?? [];
    const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]));
    const failure = failures.shift();
    if (failure) {
      return failure.status === 429
        ? { status: 429, headers: { 'retry-after': String(failure.retryAfter) }, body: { ok: false, error: 'ratelimited' } }
        : { status: failure.status, body: `${failure.status} emulated failure` };
    }
    if (route.auth === 'bearer') {
      const presented = entry.headers.authorization?.replace(/^Bearer /, '') ?? (typeof entry.body.token === 'string' ? entry.body.token : undefined);
      if (presented === undefined || presented === '') return fail('not_authed');
      if (presented !== token) return fail('invalid_auth');
    }
    return route.handle({ params, body: entry.body, rawBody, headers: entry.headers, emulator });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((cause: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`emulator bug: ${String(cause)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(emulator, { origin: `http://127.0.0.1:${port}`, apiUrl: `http://127.0.0.1:${port}/api/` });
  for (const id of opts.channels ?? []) emulator.addChannel(id);
  return emulator;
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const MENTION = /<!(?:channel|here|everyone)(?:\|[^>]*)?>|<@[UW][A-Z0-9]+(?:\|[^>]*)?>|<!subteam\^[A-Z0-9]+(?:\|[^>]*)?>/g;

/** Mentions Slack would act on: in the top-level text and every mrkdwn text object (plain_text never parses them). */
export function findMentions(message: { text: string; blocks: unknown[] }): string[] {
  const texts = [message.text];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'mrkdwn' && typeof record.text === 'string') texts.push(record.text);
    Object.values(record).forEach(walk);
  };
  walk(message.blocks);
  return texts.flatMap((text) => text.match(MENTION) ?? []);
}

/** Validates blocks as Slack does: error strings with json-pointers, and the total text length. */
export function validateSlackBlocks(blocks: unknown): { errors: string[]; textLength: number } {
  const errors: string[] = [];
  let textLength = 0;
  const L = SLACK_EMULATOR_LIMITS;
  const at = (pointer: string, message: string): void => void errors.push(`${message} [json-pointer:${pointer}]`);
  const text = (value: unknown, pointer: string, max: number, types: readonly string[]): void => {
    const obj = value as Record<string, unknown> | null;
    if (obj === null || typeof obj !== 'object') return at(pointer, 'must provide an object');
    if (!types.includes(String(obj.type))) return at(`${pointer}/type`, `must be one of: ${types.join(', ')}`);
    if (typeof obj.text !== 'string') return at(`${pointer}/text`, 'must provide a string');
    if (obj.text.length === 0) return at(`${pointer}/text`, 'must be more than 0 characters');
    if (obj.text.length > max) at(`${pointer}/text`, `must be less than ${max + 1} characters`);
    if (obj.type === 'plain_text' && obj.verbatim !== undefined) at(`${pointer}/verbatim`, 'invalid additional property: verbatim');
    if (obj.type === 'mrkdwn' && obj.emoji !== undefined) at(`${pointer}/emoji`, 'invalid additional property: emoji');
    textLength += obj.text.length;
  };
  const length = (value: unknown, pointer: string, max: number): void => {
    if (value === undefined) return;
    if (typeof value !== 'string') return at(pointer, 'must provide a string');
    if (value.length > max) at(pointer, `must be less than ${max + 1} characters`);
  };
  if (!Array.isArray(blocks)) return { errors: ['must provide an array [json-pointer:/blocks]'], textLength };
  if (blocks.length > L.blocks) at('/blocks', `must be less than ${L.blocks + 1} items`);
  blocks.forEach((raw: unknown, i) => {
    const p = `/blocks/${i}`;
    const block = (raw ?? {}) as Record<string, unknown>;
    length(block.block_id, `${p}/block_id`, L.blockId);
    switch (block.type) {
      case 'header':
        return text(block.text, `${p}/text`, L.header, ['plain_text']);
      case 'section': {
        if (block.text === undefined && block.fields === undefined) return at(p, 'must provide either text or fields');
        if (block.text !== undefined) text(block.text, `${p}/text`, L.section, ['plain_text', 'mrkdwn']);
        if (block.fields === undefined) return;
        if (!Array.isArray(block.fields)) return at(`${p}/fields`, 'must provide an array');
        if (block.fields.length > L.fields) at(`${p}/fields`, `must be less than ${L.fields + 1} items`);
        return block.fields.forEach((field: unknown, j) => text(field, `${p}/fields/${j}`, L.field, ['plain_text', 'mrkdwn']));
      }
      case 'context': {
        const elements = block.elements;
        if (!Array.isArray(elements) || elements.length === 0) return at(`${p}/elements`, 'must provide a non-empty array');
        if (elements.length > L.context) at(`${p}/elements`, `must be less than ${L.context + 1} items`);
        return elements.forEach((element: unknown, j) => text(element, `${p}/elements/${j}`, L.contextText, ['plain_text', 'mrkdwn']));
      }
      case 'actions': {
        const elements = block.elements;
        if (!Array.isArray(elements) || elements.length === 0) return at(`${p}/elements`, 'must provide a non-empty array');
        if (elements.length > L.actions) at(`${p}/elements`, `must be less than ${L.actions + 1} items`);
        return elements.forEach((rawElement: unknown, j) => {
          const element = (rawElement ?? {}) as Record<string, unknown>;
          const q = `${p}/elements/${j}`;
          if (element.type !== 'button') return at(`${q}/type`, 'unsupported element type');
          text(element.text, `${q}/text`, L.buttonText, ['plain_text']);
          length(element.action_id, `${q}/action_id`, L.actionId);
          length(element.url, `${q}/url`, L.url);
          length(element.value, `${q}/value`, L.value);
        });
      }
      case 'divider':
        return;
      default:
        return at(`${p}/type`, `unsupported type: ${String(block.type)}`);
    }
  });
  return { errors, textLength };
}
