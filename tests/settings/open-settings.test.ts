// Which feeds go through the SSRF guard: those added from chat, also once removed from chat (their
// hubs are still asked to unsubscribe). The operator's config feeds do not, also once dropped.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FETCH_OPTIONS } from '../../src/feeds/fetch/fetch-feed.ts';
import { openSettings } from '../../src/settings/open-settings.ts';
import { DIALECTS } from '../store/dialects.ts';
import { NOW, useCommandStore } from '../commands/command-harness.ts';

const CONFIG = {
  rules: [{ id: 'iraq', query: 'Iraq' }],
  feeds: [{ id: 'wire', url: 'http://127.0.0.2/wire.xml', title: null, intervalSeconds: 60, backfill: 0 }],
  intervalSeconds: 60,
  seedFingerprint: 'this test config',
  delivery: { routes: [], destinations: new Map() },
  destinations: [],
};
const INTERNAL = new URL('http://127.0.0.1/hub');

for (const dialect of DIALECTS) {
  describe(`fetch options per feed (${dialect.name})`, () => {
    const h = useCommandStore(dialect);

    it('guards chat feeds, live or removed, and not config feeds, live or dropped from the config', async () => {
      const settings = await openSettings(h.settings(), h.store(), CONFIG, DEFAULT_FETCH_OPTIONS, pino({ level: 'silent' }));
      await h.settings().addFeed({ id: 'tip', url: 'https://example.org/tip.xml', title: null }, 'U', NOW);
      await h.settings().addFeed({ id: 'gone', url: 'https://example.org/gone.xml', title: null }, 'U', NOW);
      await settings.reload(new Date(NOW.getTime() + 1000));
      await h.settings().removeFeed('gone', 'U', NOW);
      await settings.reload(new Date(NOW.getTime() + 2000));
      const of = (id: string) => settings.fetchOptionsFor({ id, url: '', title: null, backfill: 0, intervalSeconds: 60 });

      expect(of('wire').allowUrl).toBeUndefined();
      expect(of('dropped-from-config').allowUrl).toBeUndefined();
      expect(of('tip').allowUrl?.(INTERNAL)).toMatch(/^refused 127\.0\.0\.1/);
      expect(of('gone').allowUrl?.(INTERNAL)).toMatch(/^refused 127\.0\.0\.1/);

      // A worker started after the removal knows it too (from the settings tables, not from memory).
      const restarted = await openSettings(h.settings(), h.store(), CONFIG, DEFAULT_FETCH_OPTIONS, pino({ level: 'silent' }));
      expect(restarted.fetchOptionsFor({ id: 'gone', url: '', title: null, backfill: 0, intervalSeconds: 60 }).allowUrl?.(INTERNAL)).toMatch(/^refused/);
    });
  });
}
