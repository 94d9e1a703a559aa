// The worker's story index as a cache of the store: rebuilt from the stories of the window at
// start, brought up to date with what other workers recorded each time it assigns (under the
// store's story lock), and rebuilt again if a save fails. See docs/stories.md.
import type { Facts } from '../domain/alert.ts';
import type { Item } from '../domain/item.ts';
import type { RuleMatch } from '../domain/match.ts';
import type { Logger } from '../log/create-logger.ts';
import { draftAlerts } from '../alerts/describe-alerts.ts';
import { decodeProfile, encodeProfile } from '../stories/profile-codec.ts';
import { createStoryIndex } from '../stories/story-index.ts';
import type { StoryAssignment, StoryIndex, StoryIndexOptions, StoryMember } from '../stories/story-index.ts';
import type { TextProfile } from '../stories/text-profile.ts';
import { itemRef } from '../store/store.ts';
import type { SaveBatch, SaveEntry, SavedItem, Store, StoryLockView, StoryMemberRow, StoryRecord } from '../store/store.ts';
import { metrics } from '../metrics/metrics.ts';

/** A new item of a feed, ready for story assignment (matching and facts are done outside the lock). */
export interface PreparedItem {
  readonly item: Item;
  readonly fingerprint: string;
  /** Rules it matched (none for a baseline item or an unmatched one). */
  readonly matches: readonly RuleMatch[];
  /** Clustered into a story; false for a baseline item, which is only remembered as seen. */
  readonly cluster: boolean;
  readonly facts: Facts | null;
  /** A repost (same canonical link, other text) of an item in this story: joins it only when material. */
  readonly repostOf: string | null;
}

export interface StoryMemory {
  /** Rebuilds the index from the store now (at start), rather than at the first new item. */
  warm(): Promise<void>;
  /** Saves a feed's new items with their stories and alerts; returns the items stored. */
  save(feedId: string, prepared: readonly PreparedItem[], batch: Omit<SaveBatch, 'entries'>): Promise<SavedItem[]>;
  /** Items join stories within this many milliseconds; reposts are looked up as far back. */
  readonly windowMs: number;
  /** Stories and items the cache holds now (for logs and benchmarks). */
  readonly size: { readonly stories: number; readonly entries: number };
}

export interface StoryMemoryDeps {
  readonly store: Store;
  readonly log: Logger;
  readonly now: () => Date;
  readonly options?: Omit<StoryIndexOptions, 'record'>;
}

const HOUR_MS = 3_600_000;
const EXPIRE_EVERY_MS = 10 * 60_000;

export function createStoryMemory(deps: StoryMemoryDeps): StoryMemory {
  const windowMs = (deps.options?.windowHours ?? 72) * HOUR_MS;
  const maxEntries = deps.options?.maxEntries ?? 20_000;
  /** Members the index recorded during the current assignment. */
  const pending: StoryMember[] = [];
  let index: StoryIndex | null = null;
  let lastMemberId = 0;
  let lastExpiry = 0;

  async function resume(): Promise<StoryIndex> {
    const started = performance.now();
    const fresh = createStoryIndex({ ...deps.options, record: (member) => pending.push(member) });
    const resumed = await deps.store.resumeStories(new Date(deps.now().getTime() - windowMs), maxEntries);
    const profiles = await profilesOf(fresh, resumed.members);
    fresh.restoreAll(
      resumed.members.flatMap((row, i) => {
        const profile = profiles[i];
        return profile === null || profile === undefined ? [] : [{ ...row, profile }];
      }),
    );
    lastMemberId = resumed.lastMemberId;
    lastExpiry = deps.now().getTime();
    fresh.expire(deps.now());
    const ms = Math.round(performance.now() - started);
    deps.log.info({ stories: fresh.size, items: fresh.entries, ms }, 'story memory resumed');
    return fresh;
  }

  /** Decoded profiles, re-made from the stored text where a member was recorded by another profile version. */
  async function profilesOf(target: StoryIndex, rows: readonly StoryMemberRow[]): Promise<(TextProfile | null)[]> {
    const profiles = rows.map((row) => decodeProfile(row.profile));
    const missing = rows.filter((_, i) => profiles[i] === null);
    if (missing.length === 0) return profiles;
    const texts = await deps.store.itemTexts(missing.map((row) => ({ feedId: row.feedId, key: row.key })));
    return rows.map((row, i) => {
      const text = profiles[i] === null ? texts.get(itemRef(row.feedId, row.key)) : undefined;
      return text === undefined ? (profiles[i] ?? null) : target.profile(text.title, text.body);
    });
  }

  async function expireIfDue(target: StoryIndex): Promise<void> {
    const now = deps.now().getTime();
    if (now - lastExpiry < EXPIRE_EVERY_MS) return;
    lastExpiry = now;
    target.expire(new Date(now));
    const pruned = await deps.store.pruneStories(new Date(now - 2 * windowMs));
    if (pruned > 0) deps.log.debug({ pruned }, 'expired stories pruned');
  }

  function assignBatch(target: StoryIndex, feedId: string, prepared: readonly PreparedItem[], view: StoryLockView) {
    // What other workers recorded since this index last looked, in their order.
    const storedElsewhere = new Set<string>();
    for (const row of view.recorded) {
      const profile = decodeProfile(row.profile);
      if (profile !== null) target.restore({ ...row, profile });
      if (row.feedId === feedId) storedElsewhere.add(row.key);
    }
    pending.length = 0;
    const assigned: { prepared: PreparedItem; story: StoryAssignment | null }[] = [];
    for (const p of prepared) {
      if (storedElsewhere.has(p.item.key)) continue; // another worker polled this feed and stored it first
      if (!p.cluster) {
        assigned.push({ prepared: p, story: null });
        continue;
      }
      const { item } = p;
      const input = { key: item.key, source: item.source, title: item.title, body: item.body, published: item.published, facts: p.facts };
      if (p.repostOf !== null && target.diff(p.repostOf, p.facts) === null) continue; // the same item again, nothing new
      const story = target.assign(input, p.repostOf === null ? {} : { storyId: p.repostOf });
      assigned.push({ prepared: p, story });
    }
    return assigned;
  }

  return {
    windowMs,
    async warm() {
      index ??= await resume();
    },
    get size() {
      return { stories: index?.size ?? 0, entries: index?.entries ?? 0 };
    },
    async save(feedId, prepared, batch) {
      if (!prepared.some((p) => p.cluster)) {
        // Nothing to assign (a 200 with no new items, a baseline): no story lock, no index.
        return deps.store.saveItems(feedId, { ...batch, entries: prepared.map((p) => ({ item: p.item, fingerprint: p.fingerprint, storyId: null, alerts: [] })) });
      }
      index ??= await resume();
      const target = index;
      await expireIfDue(target);
      let merged = 0; // items that joined a known story, counted once the batch is saved
      try {
        const result = await deps.store.saveWithStories(feedId, lastMemberId, async (view) => {
          const assigned = assignBatch(target, feedId, prepared, view);
          merged = assigned.filter(({ story }) => story !== null && !story.isNew).length;
          const followUps = assigned.flatMap(({ prepared: p, story }) => (story !== null && !story.isNew && p.matches.length > 0 ? [story.storyId] : []));
          const alerted = followUps.length === 0 ? new Map<string, ReadonlySet<string>>() : await view.alertedRules(followUps);
          const drafted = new Set<string>(); // story + rule drafted earlier in this batch
          const entries = assigned.map(({ prepared: p, story }): SaveEntry => {
            if (story === null) return { item: p.item, fingerprint: p.fingerprint, storyId: null, alerts: [] };
            const alerts = draftAlerts(p.item, p.matches, p.facts, story, (ruleId) => alerted.get(story.storyId)?.has(ruleId) === true || drafted.has(`${story.storyId}\u0000${ruleId}`));
            for (const alert of alerts) drafted.add(`${story.storyId}\u0000${alert.ruleId}`);
            return { item: p.item, fingerprint: p.fingerprint, storyId: story.storyId, alerts };
          });
          const members = pending.map((m) => ({ ...m, feedId, profile: encodeProfile(m.profile) }));
          const stories = [...new Set(members.map((m) => m.storyId))].flatMap((id): StoryRecord[] => {
            const story = target.describe(id);
            return story === null ? [] : [story];
          });
          return { ...batch, entries, members, stories };
        });
        lastMemberId = result.lastMemberId;
        metrics.storyMerged(merged);
        return result.saved;
      } catch (error) {
        // The index may now hold what the store rolled back: rebuild it from the store next time.
        index = null;
        throw error;
      }
    },
  };
}
