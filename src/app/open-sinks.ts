// The sinks of a worker, opened through the table of destination types: one per configured
// destination, plus one per channel subscribed from chat (`discord:ID`, `slack:ID`), posted with the
// environment's bot token. Bots of one token share one client (rate limits are per bot). A
// platform's code is loaded only when a destination (or a bot token for subscriptions) needs it.
import type { ChatSink } from '../chat/chat-sink.ts';
import type { ChannelSinks, Destination, DestinationEnv, SharedClients } from '../chat/destination-type.ts';
import { DESTINATION_TYPES } from './destination-types.ts';

export interface OpenSinks {
  /** The sinks of these destination names (configured or subscribed channels); unknown names are skipped. */
  sinksFor(names: readonly string[]): ChatSink[];
  close(): void;
}

/** One sink per destination, in order. */
export async function openDestinationSinks(destinations: readonly Destination[], clients: SharedClients = sharedClients()): Promise<ChatSink[]> {
  return Promise.all(destinations.map((destination) => rowOf(destination.type).openSink(destination, clients)));
}

export async function openSinks(destinations: readonly Destination[], env: DestinationEnv): Promise<OpenSinks> {
  const clients = sharedClients();
  const byName = new Map((await openDestinationSinks(destinations, clients)).map((sink) => [sink.name, sink]));
  const channels = new Map<string, ChannelSinks>();
  for (const row of DESTINATION_TYPES) {
    const open = row.channels === undefined ? null : await row.channels.open(env, clients);
    if (row.channels !== undefined && open !== null) channels.set(row.channels.platform, open);
  }
  const channelSink = (name: string): ChatSink | null => {
    const [platform = '', channel = ''] = name.split(':', 2);
    const open = channels.get(platform);
    return channel === '' || open === undefined ? null : open(name, channel);
  };
  return {
    sinksFor: (names) =>
      names.flatMap((name) => {
        const sink = byName.get(name) ?? channelSink(name);
        if (sink === null) return [];
        byName.set(name, sink);
        return [sink];
      }),
    close() {
      for (const sink of byName.values()) sink.close?.();
    },
  };
}

function rowOf(type: string) {
  const row = DESTINATION_TYPES.find((r) => r.type === type);
  if (row === undefined) throw new Error(`app/open-sinks: no destination type ${type}`);
  return row;
}

function sharedClients(): SharedClients {
  const clients = new Map<string, unknown>();
  return {
    get<T>(key: string, create: () => T): T {
      if (clients.has(key)) return clients.get(key) as T;
      const client = create();
      clients.set(key, client);
      return client;
    },
  };
}
