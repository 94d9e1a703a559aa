// The worker's view of the settings tables: reloads only when something changed, skips rules that
// no longer compile, keeps config routing intact when channels subscribe.
import { describe, expect, it } from 'vitest';
import { findRoute } from '../../src/alerts/route-delivery.ts';
import { DEFAULT_ROUTE } from '../../src/domain/route.ts';
import { loadLiveSettings, mergeRoutes } from '../../src/settings/live-settings.ts';
import { DIALECTS } from '../store/dialects.ts';
import { HOUR, NOW, useCommandStore } from '../commands/command-harness.ts';

const ARTICLE = { title: 'Rocket attack in Iraq', body: 'Kirkuk base hit.', source: '', url: '' };
const OPTIONS = { defaultIntervalSeconds: 60, configRoutes: [], configDestinations: ['ops'] };

for (const dialect of DIALECTS) {
  describe(`live settings (${dialect.name})`, () => {
    const h = useCommandStore(dialect);

    it('picks up chat changes on refresh, and only then', async () => {
      const db = h.settings();
      await db.seedFromConfig({ rules: [{ id: 'iraq', query: 'Iraq' }], feeds: [] }, NOW);
      const live = await loadLiveSettings(db, OPTIONS, NOW);
      expect(live.rules().match(ARTICLE).map((m) => m.ruleId)).toEqual(['iraq']);
      expect(await live.refresh(NOW)).toBe(false);

      await db.addRule({ id: 'kirkuk', query: 'kirkuk' }, 'U', NOW);
      await db.addRoute({ ruleId: 'kirkuk', destination: 'discord:1', priority: 'flash' }, 'U', NOW);
      await db.muteRule('iraq', new Date(NOW.getTime() + HOUR), 'U', NOW);
      expect(live.rules().match(ARTICLE).map((m) => m.ruleId)).toEqual(['iraq']);
      expect(await live.refresh(NOW)).toBe(true);
      expect(live.rules().match(ARTICLE).map((m) => m.ruleId)).toEqual(['iraq', 'kirkuk']);
      expect(live.destinations()).toEqual(['ops', 'discord:1']);
      expect(live.mutedUntil('iraq', NOW)).toEqual(new Date(NOW.getTime() + HOUR));
      expect(live.mutedUntil('iraq', new Date(NOW.getTime() + 2 * HOUR))).toBeNull();
      expect(findRoute(live.routes(), 'kirkuk', 'discord:1')?.priority).toBe('flash');
      expect(findRoute(live.routes(), 'iraq', 'discord:1')).toBeNull();
      expect(findRoute(live.routes(), 'iraq', 'ops')).not.toBeNull();
    });

    it('skips a stored rule that no longer compiles and names it', async () => {
      const db = h.settings();
      await db.seedFromConfig({ rules: [{ id: 'good', query: 'Iraq' }, { id: 'bad', query: 'Iraq AND' }], feeds: [] }, NOW);
      const live = await loadLiveSettings(db, OPTIONS, NOW);
      expect(live.rules().size).toBe(1);
      expect(live.problems()).toEqual(['rule "bad", column 9: unexpected end of query — expected a term after AND']);
    });
  });
}

describe('mergeRoutes', () => {
  it('keeps "everything to the configured destinations" when the config has no routes', () => {
    const routes = mergeRoutes([], [{ ruleId: 'r', destination: 'slack:C1', priority: 'low' }], ['ops', 'console']);
    expect(findRoute(routes, 'other', 'ops')).toMatchObject({ priority: 'normal' });
    expect(findRoute(routes, 'other', 'slack:C1')).toBeNull();
    expect(findRoute(routes, 'r', 'slack:C1')).toMatchObject({ priority: 'low' });
  });

  it('is the config routes alone when no channel subscribed', () => {
    expect(mergeRoutes([DEFAULT_ROUTE], [], ['ops'])).toEqual([DEFAULT_ROUTE]);
    expect(mergeRoutes([], [], ['ops'])).toEqual([]);
  });
});
