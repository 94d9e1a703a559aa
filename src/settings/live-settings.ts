// What the running worker reads of the settings (changes from chat take effect without a
// restart): compiled rules, feeds, channel routes and mutes, reloaded when the settings version
// moves. The worker calls refresh() every few seconds; the getters never touch the database.
import { DEFAULT_ROUTE, type Route } from '../domain/route.ts';
import { compileRules } from '../rules/compile-rules.ts';
import type { CompileOptions, CompiledRules } from '../rules/compile-rules.ts';
import type { ActiveFeed, ChannelRoute, SettingsStore } from '../store/settings-store.ts';

export interface LiveSettingsOptions {
  readonly defaultIntervalSeconds: number;
  readonly compileOptions?: CompileOptions;
  /** Routes from the config file (already resolved). */
  readonly configRoutes: readonly Route[];
  /** Names of the configured destinations. */
  readonly configDestinations: readonly string[];
  /** Digest period of channel subscriptions with priority low. */
  readonly digestEveryMs?: number;
}

export interface LiveSettings {
  rules(): CompiledRules;
  feeds(): readonly ActiveFeed[];
  /** Config routes plus one route per channel subscription (see mergeRoutes). */
  routes(): readonly Route[];
  /** Configured destinations plus every subscribed channel (`discord:ID`, `slack:ID`): where new alerts are queued. */
  destinations(): readonly string[];
  /** When the rule is muted at `now`: until when; else null. */
  mutedUntil(ruleId: string, now: Date): Date | null;
  /** Rules in the database that no longer compile (skipped), as messages. */
  problems(): readonly string[];
  /** Reloads when something changed since the last load; true when it did. */
  refresh(now: Date): Promise<boolean>;
}

export async function loadLiveSettings(settings: SettingsStore, options: LiveSettingsOptions, now: Date): Promise<LiveSettings> {
  let version = -1;
  let state = await load();

  async function load() {
    const seen = await settings.changeVersion();
    const [ruleDefs, feeds, channelRoutes, mutes] = await Promise.all([settings.loadActiveRules(), settings.loadActiveFeeds(options.defaultIntervalSeconds), settings.listRoutes(), settings.activeMutes(now)]);
    // One bad rule must not silence the others: compile each alone first, then the good ones together.
    const problems: string[] = [];
    const good = ruleDefs.filter((rule) => {
      const alone = compileRules([rule], options.compileOptions);
      if (alone.kind === 'invalid') problems.push(...alone.errors.map((e) => e.message));
      return alone.kind === 'ok';
    });
    const compiled = compileRules(good, options.compileOptions);
    if (compiled.kind === 'invalid') throw new Error('settings/live-settings: rules that compile alone failed together', { cause: compiled.errors[0] });
    version = seen;
    const destinations = [...new Set([...options.configDestinations, ...channelRoutes.map((r) => r.destination)])];
    return { rules: compiled.rules, feeds, routes: mergeRoutes(options.configRoutes, channelRoutes, options.configDestinations, options.digestEveryMs), destinations, mutes, problems };
  }

  return {
    rules: () => state.rules,
    feeds: () => state.feeds,
    routes: () => state.routes,
    destinations: () => state.destinations,
    mutedUntil(ruleId, at) {
      const until = state.mutes.get(ruleId);
      return until !== undefined && until > at ? until : null;
    },
    problems: () => state.problems,
    async refresh(at) {
      now = at;
      if ((await settings.changeVersion()) === version) return false;
      state = await load();
      return true;
    },
  };
}

/**
 * Config routes plus channel subscriptions. With no config routes, the config means "every rule to
 * every configured destination"; that stays true once channels subscribe (their routes would
 * otherwise be the only ones, and findRoute would drop everything else).
 */
export function mergeRoutes(configRoutes: readonly Route[], channelRoutes: readonly ChannelRoute[], configDestinations: readonly string[], digestEveryMs = DEFAULT_ROUTE.digestEveryMs): Route[] {
  if (channelRoutes.length === 0) return [...configRoutes];
  const base = configRoutes.length > 0 ? configRoutes : [{ ...DEFAULT_ROUTE, destinations: configDestinations }];
  const fromChannels = channelRoutes.map((r): Route => ({ ...DEFAULT_ROUTE, rules: [r.ruleId], destinations: [r.destination], priority: r.priority, digestEveryMs }));
  return [...base, ...fromChannels];
}
