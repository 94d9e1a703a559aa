// What the command handlers need, built once in the composition root, and who is asking.
import type { FetchResult } from '../feeds/fetch/fetch-types.ts';
import type { CompileOptions } from '../rules/compile-rules.ts';
import type { ItemArchive } from '../store/item-archive.ts';
import type { SettingsStore } from '../store/settings-store.ts';
import type { Store } from '../store/store.ts';

export interface CommandDeps {
  /** Rules, feeds, routes and mutes: what the changing commands change. */
  readonly settings: SettingsStore;
  /** Stored items and alerts, for search, rules test and recent. */
  readonly archive: ItemArchive;
  /** The core store, for feed health and alert/outbox counts. */
  readonly store: Pick<Store, 'listFeedStates' | 'countAlertsSince' | 'outboxCounts'>;
  /** Fetches a URL for `feeds add`: SSRF guard, size and time limits on (see guardFetchOptions). */
  readonly testFetch: (url: string) => Promise<FetchResult>;
  /** Rule compilation options (the gazetteer for place:); the default when absent. */
  readonly compileOptions?: CompileOptions;
  readonly version: string;
  /** Poll interval of feeds added from chat. */
  readonly defaultIntervalSeconds: number;
  /** Called after a command that may have changed rules, feeds, routes or mutes: wakes this process's worker at once. */
  readonly changed?: () => void;
}

export type Platform = 'discord' | 'slack';

export interface Channel {
  readonly platform: Platform;
  readonly id: string;
}

export interface CommandContext {
  /** Who asked, for the record (platform user id). */
  readonly user: string;
  /** The front end decided this user may change rules, feeds, routes and mutes. */
  readonly canManage: boolean;
  /** Where the command was typed; null outside a channel. */
  readonly channel: Channel | null;
  readonly now: Date;
}

/** The destination name alerts for a subscribed channel are routed to: `discord:123…`, `slack:C…`. */
export function channelDestination(channel: Channel): string {
  return `${channel.platform}:${channel.id}`;
}
