// Upkeep of the stored items, run with each settings reload (every few seconds): the search index
// catches up a bounded share in small batches (never a long stall), and retention runs every ten
// minutes (and at the first reload).
import type { Logger } from '../log/create-logger.ts';
import type { ItemArchive } from '../store/item-archive.ts';
import { searchWordsOf } from '../commands/match-stored-items.ts';

/** Items indexed for search per reload; the rest waits for the next one (or for a search, which catches up). */
const INDEX_PER_RELOAD = 5_000;
/** Retention runs this often. */
const PRUNE_EVERY_MS = 10 * 60_000;

export function createArchiveUpkeep(archive: ItemArchive, retentionMs: number, log: Logger): (at: Date) => Promise<void> {
  let lastPrune = 0;
  return async (at) => {
    await archive.indexNewItems(searchWordsOf, INDEX_PER_RELOAD);
    if (at.getTime() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = at.getTime();
    const removed = await archive.pruneItems({ cutoff: new Date(at.getTime() - retentionMs) });
    if (removed > 0) log.info({ removed }, 'pruned items past the retention period');
  };
}
