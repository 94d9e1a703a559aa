// What the settings module (src/settings/) and the slash commands see of the settings tables:
// rules and watched feeds seeded from the config and changed from chat, channel routes, rule mutes,
// and the version that grows with every change. Domain values in and out; Kysely stays in store/.
import type { RuleDefinition } from '../domain/match.ts';
import type { StoreDialect } from './store-dialect.ts';
import { migrateSettingsTables, type SettingsTables } from './command-migrations.ts';
import * as q from './settings-queries.ts';
import type { ActiveFeed, ChannelRoute, ConfigSeed, StoredRule } from './settings-queries.ts';

export type { ActiveFeed, ChannelRoute, ConfigSeed, Origin, SeedFeed, StoredRule } from './settings-queries.ts';

export interface SettingsStore {
  /** Creates or updates the settings tables; run after the core store's migrate(). */
  migrate(): Promise<void>;
  /** The counter that grows with every change of rules, feeds, routes or mutes. */
  changeVersion(): Promise<number>;
  /** Config rules and feeds: new ones added, edited ones followed, dropped ones gone; chat changes kept. */
  seedFromConfig(seed: ConfigSeed, now: Date): Promise<void>;
  loadActiveRules(): Promise<StoredRule[]>;
  findRule(id: string): Promise<StoredRule | null>;
  loadActiveFeeds(defaultIntervalSeconds: number): Promise<ActiveFeed[]>;
  /** Ids of every feed added from chat, removed ones included. */
  chatFeedIds(): Promise<string[]>;
  addRule(rule: RuleDefinition, by: string, now: Date): Promise<'added' | 'exists'>;
  removeRule(id: string, by: string, now: Date): Promise<boolean>;
  addFeed(feed: { url: string; id: string; title: string | null }, by: string, now: Date): Promise<'added' | 'exists'>;
  /** By URL or id; resolves with its URL, or null when no active feed matches. */
  removeFeed(urlOrId: string, by: string, now: Date): Promise<string | null>;
  addRoute(route: ChannelRoute, by: string, now: Date): Promise<'added' | 'updated'>;
  removeRoute(ruleId: string, destination: string): Promise<boolean>;
  listRoutes(): Promise<ChannelRoute[]>;
  muteRule(ruleId: string, until: Date, by: string, now: Date): Promise<void>;
  unmuteRule(ruleId: string, now: Date): Promise<boolean>;
  /** Rule id → muted until, for mutes still running at `now`. */
  activeMutes(now: Date): Promise<Map<string, Date>>;
}

/** The settings tables on the store's connection (opened by open-database.ts). */
export function settingsStoreOf(dialect: StoreDialect): SettingsStore {
  const db = dialect.db.withTables<SettingsTables>();
  return {
    migrate: () => migrateSettingsTables(dialect),
    changeVersion: () => q.changeVersion(db),
    seedFromConfig: (seed, now) => q.seedFromConfig(db, seed, now),
    loadActiveRules: () => q.loadActiveRules(db),
    findRule: (id) => q.findRule(db, id),
    loadActiveFeeds: (defaultIntervalSeconds) => q.loadActiveFeeds(db, defaultIntervalSeconds),
    chatFeedIds: () => q.chatFeedIds(db),
    addRule: (rule, by, now) => q.addRule(db, rule, by, now),
    removeRule: (id, by, now) => q.removeRule(db, id, by, now),
    addFeed: (feed, by, now) => q.addFeed(db, feed, by, now),
    removeFeed: (urlOrId, by, now) => q.removeFeed(db, urlOrId, by, now),
    addRoute: (route, by, now) => q.addRoute(db, route, by, now),
    removeRoute: (ruleId, destination) => q.removeRoute(db, ruleId, destination),
    listRoutes: () => q.listRoutes(db),
    muteRule: (ruleId, until, by, now) => q.muteRule(db, ruleId, until, by, now),
    unmuteRule: (ruleId, now) => q.unmuteRule(db, ruleId, now),
    activeMutes: (now) => q.activeMutes(db, now),
  };
}
