// A loopback Discord gateway for a logged-in discord.js Client (docs/chat-limits.md#testing-against-local-emulators): GET /gateway/bot,
// websocket HELLO, IDENTIFY → READY, heartbeat → ACK, pushed INTERACTION_CREATE; plus the REST routes
// interactions use, added to the REST emulator (tests/support/discord-emulator.ts) through its route table:
// callback, @original edit/delete, follow-ups, and guild command bulk overwrite, each validated like Discord.
//
//   const rest = await startDiscordEmulator();
//   const gateway = await startDiscordGateway(rest, { guilds: [GUILD] });
//   const client = new Client({ intents: [], rest: { api: rest.apiUrl } }); await client.login(rest.token);
//   const id = gateway.dispatch(gateway.chatInput({ subcommand: 'status' }));
//   const done = await gateway.waitForAnswer(id);           // its callback, edits, follow-ups
//
// Note: this replaces the REST emulator's `POST /webhooks/:id/:token` and `PATCH …/messages/:message`
// routes with ones that serve interaction tokens only (use a separate emulator for plain webhooks).
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { validateChoices, validateCommand } from './discord-command-rules.ts';
import { validateMessage } from './discord-emulator.ts';
import type { DiscordEmulator, Reply } from './discord-emulator.ts';

export interface GatewayOptions {
  readonly applicationId?: string;
  /** Guilds the bot is in: commands can be registered there; others answer 403 Missing Access. */
  readonly guilds?: readonly string[];
  readonly heartbeatIntervalMs?: number;
}

export interface InteractionMessage {
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
}

export interface InteractionRecord {
  readonly payload: InteractionPayload;
  /** Every POST to the callback route, in order (type 4 reply, 5 defer, 8 autocomplete …). */
  readonly callbacks: { type: number; data: Record<string, unknown> }[];
  /** The original response as it looks now (null before a type 4/5 callback or after deletion). */
  original: InteractionMessage | null;
  edits: number;
  deleted: boolean;
  readonly followups: InteractionMessage[];
}

export interface InteractionPayload {
  readonly id: string;
  readonly token: string;
  readonly type: number;
  readonly [key: string]: unknown;
}

export interface Member {
  readonly userId?: string;
  readonly roles?: readonly string[];
  /** Permission bit set as Discord sends it (a decimal string). */
  readonly permissions?: string;
}

type OptionValue = string | { readonly value: string; readonly focused: true };

export interface DiscordGateway {
  readonly url: string;
  readonly applicationId: string;
  /** IDENTIFY payloads received, and how many heartbeats were acknowledged. */
  readonly identified: Record<string, unknown>[];
  heartbeatsAcked(): number;
  /** Registered commands per guild (the last bulk overwrite). */
  commands(guildId: string): Record<string, unknown>[];
  /** Pushes INTERACTION_CREATE to every connected session; returns the interaction id. */
  dispatch(payload: InteractionPayload): string;
  interaction(id: string): InteractionRecord | undefined;
  /** Resolves once the interaction has a final answer: a reply, autocomplete choices, or an edit or follow-up after a defer. */
  waitForAnswer(id: string, timeoutMs?: number): Promise<InteractionRecord>;
  chatInput(spec: { group?: string; subcommand: string; options?: Record<string, OptionValue>; member?: Member; channelId?: string; guildId?: string; autocomplete?: boolean }): InteractionPayload;
  button(spec: { customId: string; member?: Member; channelId?: string; guildId?: string }): InteractionPayload;
  close(): Promise<void>;
}

const OP = { dispatch: 0, heartbeat: 1, identify: 2, hello: 10, heartbeatAck: 11 } as const;
const CALLBACK = { pong: 1, reply: 4, defer: 5, deferUpdate: 6, update: 7, autocomplete: 8 } as const;
const STRING_OPTION = 3;
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

export async function startDiscordGateway(rest: DiscordEmulator, opts: GatewayOptions = {}): Promise<DiscordGateway> {
  const applicationId = opts.applicationId ?? '900000000000000001';
  const guilds = new Set(opts.guilds ?? ['800000000000000001']);
  const defaultGuild = [...guilds][0] ?? '800000000000000001';
  const registered = new Map<string, Record<string, unknown>[]>();
  const interactions = new Map<string, InteractionRecord>();
  const byToken = new Map<string, InteractionRecord>();
  const sockets = new Set<WebSocket>();
  const identified: Record<string, unknown>[] = [];
  const changes = new EventEmitter();
  let acks = 0;
  let sequence = 0;
  let counter = 0;
  const nextId = () => (BigInt('1300000000000000000') + BigInt((counter += 1))).toString();

  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;

  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.send(JSON.stringify({ op: OP.hello, d: { heartbeat_interval: opts.heartbeatIntervalMs ?? 41_250 }, s: null, t: null }));
    socket.on('message', (raw: Buffer) => {
      const frame = JSON.parse(raw.toString('utf8')) as { op: number; d: Record<string, unknown> };
      if (frame.op === OP.heartbeat) {
        acks += 1;
        socket.send(JSON.stringify({ op: OP.heartbeatAck, d: null, s: null, t: null }));
      } else if (frame.op === OP.identify) {
        identified.push(frame.d);
        if (frame.d.token !== rest.token) return socket.close(4004, 'Authentication failed.');
        socket.send(JSON.stringify({
          op: OP.dispatch, t: 'READY', s: (sequence += 1),
          d: {
            v: 10,
            user: { id: rest.botUserId, username: 'wirewatch', discriminator: '0', global_name: null, avatar: null, bot: true },
            guilds: [],
            session_id: `session-${sequence}`,
            resume_gateway_url: url,
            application: { id: applicationId, flags: 0 },
          },
        }));
      }
    });
  });

  const changed = (): void => void changes.emit('change');
  const asRecord = (body: unknown): Record<string, unknown> => (body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {});
  const toMessage = (data: Record<string, unknown>): InteractionMessage => ({
    content: typeof data.content === 'string' ? data.content : '',
    embeds: Array.isArray(data.embeds) ? data.embeds : [],
    components: Array.isArray(data.components) ? data.components : [],
    flags: typeof data.flags === 'number' ? data.flags : 0,
  });
  const unknownInteraction: Reply = { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
  const unknownWebhook: Reply = { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
  const webhookRecord = (params: Record<string, string>): InteractionRecord | null =>
    params.id === applicationId ? (byToken.get(params.token ?? '') ?? null) : null;
  const messageBody = (record: InteractionRecord, message: InteractionMessage, id: string): Reply => ({
    status: 200,
    body: { id, channel_id: String(record.payload.channel_id ?? ''), type: 20, author: { id: rest.botUserId, username: 'wirewatch', discriminator: '0', avatar: null, bot: true }, content: message.content, embeds: message.embeds, components: message.components, flags: message.flags, timestamp: new Date().toISOString(), edited_timestamp: null, attachments: [], mentions: [], mention_roles: [], pinned: false, tts: false, mention_everyone: false, webhook_id: applicationId, application_id: applicationId },
  });

  rest.route('GET', '/gateway/bot', () => ({
    status: 200,
    body: { url, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } },
  }));

  rest.route('POST', '/interactions/:id/:token/callback', ({ params, body }) => {
    const record = interactions.get(params.id ?? '');
    if (record === undefined || record.payload.token !== params.token) return unknownInteraction;
    if (record.callbacks.length > 0) return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
    const callback = asRecord(body);
    const type = Number(callback.type);
    const data = asRecord(callback.data);
    if (type === CALLBACK.reply || type === CALLBACK.update) {
      const invalid = validateMessage(data, 'create');
      if (invalid) return invalid;
    }
    if (type === CALLBACK.autocomplete) {
      const invalid = validateChoices(data.choices);
      if (invalid) return invalid;
    }
    record.callbacks.push({ type, data });
    if (type === CALLBACK.reply || type === CALLBACK.defer) record.original = toMessage(data);
    changed();
    return { status: 204 };
  }, { auth: 'none' });

  rest.route('PATCH', '/webhooks/:id/:token/messages/:message', ({ params, body }) => {
    const record = webhookRecord(params);
    if (record === null) return unknownWebhook;
    const data = asRecord(body);
    const invalid = validateMessage(data, 'edit');
    if (invalid) return invalid;
    if (params.message !== '@original' || record.original === null) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    const flags = record.original.flags;
    record.original = { ...toMessage({ ...record.original, ...data }), flags };
    record.edits += 1;
    changed();
    return messageBody(record, record.original, `${params.id}-original`);
  }, { auth: 'none', bucket: 'token' });

  rest.route('DELETE', '/webhooks/:id/:token/messages/:message', ({ params }) => {
    const record = webhookRecord(params);
    if (record === null) return unknownWebhook;
    if (params.message !== '@original' || record.original === null) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    record.original = null;
    record.deleted = true;
    changed();
    return { status: 204 };
  }, { auth: 'none', bucket: 'token' });

  rest.route('POST', '/webhooks/:id/:token', ({ params, body }) => {
    const record = webhookRecord(params);
    if (record === null) return unknownWebhook;
    if (record.callbacks.length === 0) return unknownWebhook;
    const data = asRecord(body);
    const invalid = validateMessage(data, 'create');
    if (invalid) return invalid;
    const message = toMessage(data);
    record.followups.push(message);
    changed();
    return messageBody(record, message, nextId());
  }, { auth: 'none', bucket: 'token' });

  rest.route('PUT', '/applications/:app/guilds/:guild/commands', ({ params, body }) => {
    if (params.app !== applicationId) return { status: 403, body: { message: 'Missing Access', code: 50001 } };
    if (!guilds.has(params.guild ?? '')) return { status: 403, body: { message: 'Missing Access', code: 50001 } };
    if (!Array.isArray(body)) return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: { _errors: [{ code: 'LIST_TYPE_CONVERT', message: 'Must be an array.' }] } } };
    const problems = body.flatMap((command: unknown, i) => validateCommand(command, `${i}`));
    if (problems.length > 0) return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: problems } };
    const stored = (body as Record<string, unknown>[]).map((command) => ({ ...command, id: nextId(), application_id: applicationId, guild_id: params.guild, version: nextId() }));
    registered.set(params.guild ?? '', stored);
    return { status: 200, body: stored };
  });

  const base = (type: number, spec: { member?: Member; channelId?: string; guildId?: string }): Omit<InteractionPayload, 'data'> => {
    const member = spec.member ?? {};
    const userId = member.userId ?? '700000000000000001';
    const channelId = spec.channelId ?? '600000000000000001';
    const guildId = spec.guildId ?? defaultGuild;
    return {
      id: nextId(), token: `interaction-token-${counter}`, type, application_id: applicationId, version: 1,
      guild_id: guildId, channel_id: channelId, channel: { id: channelId, type: 0, guild_id: guildId },
      member: {
        user: { id: userId, username: `user${userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
        roles: [...(member.roles ?? [])], permissions: member.permissions ?? '0', joined_at: '2024-01-01T00:00:00.000Z',
        deaf: false, mute: false, flags: 0,
      },
      app_permissions: '0', locale: 'en-GB', guild_locale: 'en-GB', entitlements: [], authorizing_integration_owners: { 0: guildId }, context: 0,
    };
  };

  const gateway: DiscordGateway = {
    url,
    applicationId,
    identified,
    heartbeatsAcked: () => acks,
    commands: (guildId) => registered.get(guildId) ?? [],
    dispatch: (payload) => {
      const record: InteractionRecord = { payload, callbacks: [], original: null, edits: 0, deleted: false, followups: [] };
      interactions.set(payload.id, record);
      byToken.set(payload.token, record);
      const frame = JSON.stringify({ op: OP.dispatch, t: 'INTERACTION_CREATE', s: (sequence += 1), d: payload });
      for (const socket of sockets) socket.send(frame);
      return payload.id;
    },
    interaction: (id) => interactions.get(id),
    waitForAnswer: (id, timeoutMs = 10_000) => new Promise((resolve, reject) => {
      const check = (): boolean => {
        const record = interactions.get(id);
        const first = record?.callbacks[0];
        if (record === undefined || first === undefined) return false;
        if (first.type === CALLBACK.defer && record.edits === 0 && record.followups.length === 0) return false;
        if (first.type === CALLBACK.defer && record.deleted && record.followups.length === 0) return false;
        resolve(record);
        return true;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        changes.off('change', listener);
        reject(new Error(`discord-gateway-emulator: interaction ${id} was not answered within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (): void => {
        if (!check()) return;
        clearTimeout(timer);
        changes.off('change', listener);
      };
      changes.on('change', listener);
    }),
    chatInput: (spec) => {
      const leaves = Object.entries(spec.options ?? {}).map(([name, value]) =>
        typeof value === 'string' ? { type: STRING_OPTION, name, value } : { type: STRING_OPTION, name, value: value.value, focused: true });
      const subcommand = { type: SUBCOMMAND, name: spec.subcommand, options: leaves };
      const options = spec.group === undefined ? [subcommand] : [{ type: SUBCOMMAND_GROUP, name: spec.group, options: [subcommand] }];
      const payload = base(spec.autocomplete === true ? 4 : 2, spec);
      return { ...payload, data: { id: '910000000000000001', name: 'news', type: 1, guild_id: payload.guild_id, options } } as unknown as InteractionPayload;
    },
    button: (spec) => {
      const payload = base(3, spec);
      const message = {
        id: nextId(), channel_id: payload.channel_id, type: 0, content: '', embeds: [], components: [], attachments: [], mentions: [], mention_roles: [],
        pinned: false, tts: false, mention_everyone: false, flags: 0, timestamp: new Date().toISOString(), edited_timestamp: null,
        author: { id: rest.botUserId, username: 'wirewatch', discriminator: '0', avatar: null, bot: true },
      };
      return { ...payload, message, data: { custom_id: spec.customId, component_type: 2 } } as unknown as InteractionPayload;
    },
    close: async () => {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  return gateway;
}
