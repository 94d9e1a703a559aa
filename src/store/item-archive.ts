// Stored items and alerts as the slash commands and the upkeep read them: the latest alerts, the
// full-text search index (caught up in small batches) and its candidates, and retention.
import type { Item } from '../domain/item.ts';
import type { StoreDialect } from './store-dialect.ts';
import type { SettingsTables } from './command-migrations.ts';
import { indexNewItems, recentAlerts, searchCandidates } from './search-queries.ts';
import type { CandidateFilter, RecentAlert, StoredItem } from './search-queries.ts';
import { pruneItems, type PruneOptions } from './prune-items.ts';

export type { CandidateFilter, RecentAlert, StoredItem } from './search-queries.ts';
export type { PruneOptions } from './prune-items.ts';

export interface ItemArchive {
  /** The latest alerts (newest first), optionally of one rule, created at or after `since`. */
  recentAlerts(filter: { ruleId: string | null; since: Date; limit: number }): Promise<RecentAlert[]>;
  /** Indexes items stored since the last call (up to `maxItems`); resolves with how many. */
  indexNewItems(wordsOf: (item: Item) => readonly string[], maxItems?: number): Promise<number>;
  /** Items that may match (newest first): those with one of the words or prefixes, or all when none is given. */
  searchCandidates(filter: CandidateFilter): Promise<StoredItem[]>;
  /** Removes items past retention that nothing needs any more; resolves with how many. */
  pruneItems(options: PruneOptions): Promise<number>;
}

export function itemArchiveOf(dialect: StoreDialect): ItemArchive {
  const db = dialect.db.withTables<SettingsTables>();
  return {
    recentAlerts: (filter) => recentAlerts(db, filter),
    indexNewItems: (wordsOf, maxItems) => indexNewItems(db, dialect.kind, wordsOf, maxItems),
    searchCandidates: (filter) => searchCandidates(db, dialect.kind, filter),
    pruneItems: (options) => pruneItems(db, dialect.kind, options),
  };
}
