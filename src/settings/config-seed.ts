// What the settings tables are seeded with from the config: its rules, its feeds (read only when
// the config changed since the last seeding: a lazily loaded config then never derives them) and
// the fingerprint that tells whether it did.
import type { Config } from '../config/load-config.ts';
import type { ConfigSeed } from '../store/settings-store.ts';

export function configSeed(config: Pick<Config, 'rules' | 'feeds' | 'seedFingerprint'>): ConfigSeed {
  return {
    rules: config.rules,
    get feeds() {
      return config.feeds;
    },
    fingerprint: config.seedFingerprint,
  };
}
