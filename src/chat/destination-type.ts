// What a destination type is: its settings in the config (beside `name` and `type`), how its secrets
// come from the environment, and how its sink opens. One row of the table in
// src/app/destination-types.ts per type; docs/architecture.md "Adding a destination type".
// A row names its platform code only inside `openSink` (dynamic import), so a worker loads a
// platform's client library only when a destination of that platform is configured.
import { z } from 'zod';
import { durationSeconds } from '../config/duration.ts';
import type { ChatSink } from './chat-sink.ts';

/** What a destination may read from the environment. */
export interface DestinationEnv {
  readonly discordApi: string;
  readonly slackApi: string;
  /** Non-empty environment variables by name (the secrets the config names). */
  readonly vars: ReadonlyMap<string, string>;
}

/** A destination ready to open a sink from: its name, type and resolved settings (secrets included: never log one). */
export interface Destination {
  readonly type: string;
  readonly name: string;
}

export type Resolution<D extends Destination> =
  | { readonly kind: 'ok'; readonly destination: D }
  /** Environment variables to set to enable it. */
  | { readonly kind: 'missing'; readonly missing: readonly string[] }
  | { readonly kind: 'invalid'; readonly message: string };

/** Clients shared by the sinks of one process (one per bot token: rate limits are per bot), by key. */
export interface SharedClients {
  get<T>(key: string, create: () => T): T;
}

/** Opens sinks for channels subscribed from chat (`discord:ID`); null when the platform's bot token is not set. */
export type ChannelSinks = (name: string, channel: string) => ChatSink;

/** What every destination type's settings are checked with, apart from its own keys. */
const destinationName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected a name of letters, digits, ".", "_" or "-" (at most 64 characters)');

/** A setting naming the environment variable that holds a secret. */
export const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the NAME of an environment variable holding the secret (never the secret itself)');

/** What every chat destination may say about delivery (read by resolveDestinations). */
export const deliverySettings = {
  /** Alerts still undelivered this long after they were stored go out as one "missed" digest. */
  missedAfter: durationSeconds(60, 7 * 86_400).optional(),
  /** Per-request timeout of the platform client. */
  timeout: durationSeconds(1, 120).default(15),
  /** true: missing secrets are a config error; false (default): the destination is skipped, with a log line. */
  required: z.boolean().default(false),
};

export interface DestinationTypeRow<Type extends string, Shape extends z.core.$ZodLooseShape, D extends Destination & { readonly type: Type }> {
  readonly type: Type;
  /** The type's own keys in the config, as zod schemas. */
  readonly settings: Shape;
  /** The secrets and API bases from the environment. */
  resolve(settings: z.output<z.ZodObject<Shape>> & { readonly name: string }, env: DestinationEnv): Resolution<D>;
  /** Loads the platform code and opens the sink. */
  openSink(destination: D, clients: SharedClients): Promise<ChatSink>;
  /** Channels subscribed from chat as `<platform>:<channel id>`, posted with the environment's bot token. */
  readonly channels?: {
    readonly platform: string;
    open(env: DestinationEnv, clients: SharedClients): Promise<ChannelSinks | null>;
  };
}

/** A row as the table holds it: the same for every type. */
export interface DestinationType {
  readonly type: string;
  /** The whole entry in the config's `destinations` list: name, type and the type's settings. */
  readonly schema: z.ZodObject<z.core.$ZodLooseShape, z.core.$strict>;
  resolve(entry: Readonly<Record<string, unknown>>, env: DestinationEnv): Resolution<Destination>;
  openSink(destination: Destination, clients: SharedClients): Promise<ChatSink>;
  readonly channels?: DestinationTypeRow<string, z.core.$ZodLooseShape, Destination>['channels'];
}

export function defineDestinationType<Type extends string, Shape extends z.core.$ZodLooseShape, D extends Destination & { readonly type: Type }>(
  row: DestinationTypeRow<Type, Shape, D>,
): DestinationType {
  const settings = z.strictObject(row.settings);
  const schema = z.strictObject({ name: destinationName, type: z.literal(row.type), ...row.settings });
  const isMine = (destination: Destination): destination is D => destination.type === row.type;
  return {
    type: row.type,
    schema,
    // The entry passed the config schema already; parsing its settings again gives them their type.
    resolve: (entry, env) => row.resolve({ ...settings.parse(withoutNameAndType(entry)), name: String(entry.name) }, env),
    openSink(destination, clients) {
      if (!isMine(destination)) throw new Error(`chat/destination-type: a ${destination.type} destination given to the ${row.type} type`);
      return row.openSink(destination, clients);
    },
    ...(row.channels ? { channels: row.channels } : {}),
  };
}

function withoutNameAndType(entry: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { name: _name, type: _type, ...rest } = entry;
  return rest;
}
