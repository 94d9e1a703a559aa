// Alerts as the delivery side reads them: the alert row with its item, turned into a domain Alert.
import type { Kysely } from 'kysely';
import type { Alert, Facts } from '../domain/alert.ts';
import { alertOf } from '../domain/alert-draft.ts';
import type { MatchedTerm } from '../domain/match.ts';
import type { Database } from './schema.ts';
import { fromMillis } from './time.ts';

export interface LoadedAlert {
  readonly feedId: string;
  readonly alert: Alert;
}

/** Alerts by id with their items; alerts and items never change once written. */
export async function loadAlerts(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, LoadedAlert>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('alerts')
    .innerJoin('items', 'items.id', 'alerts.item_id')
    .select([
      'alerts.id',
      'alerts.rule_id',
      'alerts.matched',
      'alerts.summary',
      'alerts.facts',
      'alerts.story_id',
      'alerts.also_reported_by',
      'items.feed_id',
      'items.key',
      'items.title',
      'items.link',
      'items.source',
      'items.published_at',
    ])
    .where('alerts.id', 'in', unique)
    .execute();
  return new Map(
    rows.map((r) => {
      const draft = {
        ruleId: r.rule_id,
        matched: parseJson<MatchedTerm[]>(r.matched) ?? [],
        summary: r.summary,
        facts: parseJson<Facts>(r.facts),
        storyId: r.story_id,
        sources: parseJson<string[]>(r.also_reported_by) ?? [],
      };
      const item = { key: r.key, title: r.title, link: r.link, source: r.source, published: fromMillis(r.published_at) };
      return [r.id, { feedId: r.feed_id, alert: alertOf(r.id, draft, item) }];
    }),
  );
}

export function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
