// Story clustering: near-duplicate copies (MinHash + LSH over body shingles) and follow-ups on the
// same incident (headline/lead TF-IDF cosine gated by places and dates) share one story id.
// Pure and in memory: time comes only from items' `published` and expire(now); memory is capped.

import { diffFacts, mergeFacts } from './event-facts.ts';
import { createLshIndex } from './lsh-index.ts';
import { createSeeds, hashString } from './minhash.ts';
import { MIN_SHINGLES, findDuplicate, findSameEvent } from './find-story.ts';
import type { MatchSettings, Member, Story } from './story-members.ts';
import type { StoryAssignment, StoryIndexOptions, StoryInput, StoryMember, StoryReason, StorySnapshot } from './story-types.ts';
import type { StoryUpdate } from '../domain/alert-draft.ts';
import type { Facts } from '../domain/alert.ts';
import { createTermIndex } from './term-index.ts';
import { createStorySet, type Derived } from './story-set.ts';
import { createTermWeights } from './term-weights.ts';
import { whereabouts } from './place-relation.ts';
import { profileText } from './text-profile.ts';
import { defaultWordVectors } from './word-vectors.ts';
import type { WordVectors } from './word-vectors.ts';
import type { TextProfile } from './text-profile.ts';

export type * from './story-types.ts';

export interface StoryIndex {
  /**
   * Finds the item's story (or starts one) and remembers the item. With `storyId` of a live story,
   * the item joins that story without a search (a repost of an item known to be in it).
   */
  assign(entry: StoryInput, options?: { readonly storyId?: string }): StoryAssignment;
  /** Replays a member recorded by an earlier assign (this process's or another's), without recording it again. */
  restore(member: StoryMember): void;
  /** restore() of each member in order, with the lookup indexes built once at the end (a resume). */
  restoreAll(members: readonly StoryMember[]): void;
  /** The profile `assign` would compute for this text (to rebuild a member recorded by another profile version). */
  profile(title: string, body: string): TextProfile;
  /** What `facts` would add to a live story (higher toll, new place), without remembering anything. */
  diff(storyId: string, facts: Facts | null): StoryUpdate | null;
  /** Forgets stories with no item published within the window before `now`. */
  expire(now: Date): void;
  /** The story as it stands, or null when unknown or expired. */
  describe(storyId: string): StorySnapshot | null;
  /** Live stories. */
  readonly size: number;
  /** Items remembered (across live stories). */
  readonly entries: number;
}

const HOUR_MS = 3_600_000;

export function createStoryIndex(options: StoryIndexOptions = {}): StoryIndex {
  const windowMs = (options.windowHours ?? 72) * HOUR_MS;
  const maxEntries = options.maxEntries ?? 20_000;
  const maxCompared = Math.max(2, options.maxComparedPerStory ?? 8);
  const numHashes = options.numHashes ?? 120;
  const rows = options.rowsPerBand ?? 3;
  const seeds = createSeeds(numHashes);
  const wanted = options.wordVectors === undefined ? 'shipped' : options.wordVectors;
  // The shipped vectors are read on the first profile, not at start: a worker that never
  // clusters never loads them.
  let vectors: WordVectors | null = wanted === 'shipped' ? null : wanted;
  const profileOf = (title: string, body: string): TextProfile => {
    if (vectors === null && wanted === 'shipped') vectors = defaultWordVectors();
    return profileText(title, body, { seeds, vectors });
  };
  const lsh = createLshIndex<Member>({ bands: Math.floor(numHashes / rows), rows });
  const weights = createTermWeights();
  const settings: MatchSettings = {
    windowMs,
    duplicateJaccard: options.duplicateJaccard ?? 0.5,
    duplicateContainment: options.duplicateContainment ?? 0.8,
    duplicateMinJaccard: options.duplicateMinJaccard ?? 0.3,
    join: {
      'shared-place': options.joinSimilarity?.['shared-place'] ?? 0.35,
      'shared-country': options.joinSimilarity?.['shared-country'] ?? 0.4,
      unknown: options.joinSimilarity?.unknown ?? 0.5,
    },
  };

  const termIndex = createTermIndex<Story>();
  const stories = createStorySet({ lsh, termIndex, weights, maxEntries, maxCompared });

  function assign(entry: StoryInput, options: { readonly storyId?: string } = {}): StoryAssignment {
    const published = entry.published.getTime();
    if (Number.isNaN(published)) throw new Error(`stories/story-index: item ${entry.key} has an invalid date`);
    const identity = itemIdentity(entry);
    const seen = stories.storyOf(identity);
    if (seen !== undefined) return result(seen, false, false, entry.key, null, { kind: 'repeat' });

    const profile = profileOf(entry.title, entry.body);
    const joined = options.storyId === undefined ? undefined : stories.get(options.storyId);
    if (joined !== undefined) return join(joined, entry, identity, profile, null, { kind: 'repeat' });

    const derived = derive(profile, entry.facts);
    const state = { lsh, termIndex, weights, settings };
    const duplicate = findDuplicate(state, profile, derived.bandKeys, derived.where, entry.facts, published);
    const sameEvent =
      duplicate === null
        ? findSameEvent(state, profile, derived.weighted, derived.where, entry.facts, published, entry.source)
        : null;
    if (duplicate !== null) {
      const reason: StoryReason = { kind: 'duplicate', jaccard: duplicate.jaccard, containment: duplicate.containment };
      return join(duplicate.member.story, entry, identity, profile, duplicate.member.key, reason, derived);
    }
    if (sameEvent !== null) {
      const reason: StoryReason = { kind: 'same-event', similarity: sameEvent.similarity, places: sameEvent.places };
      return join(sameEvent.story, entry, identity, profile, null, reason, derived);
    }
    const created = stories.create(storyIdFor(entry.key), published);
    mergeFacts(created.facts, entry.facts, published);
    record(created, entry, profile);
    stories.remember(created, entry, identity, profile, published, derived);
    return result(created, true, true, null, null, { kind: 'new' });
  }

  /** What a text is filed and compared by, from its profile and today's term frequencies. */
  function derive(profile: TextProfile, facts: Facts | null): Derived {
    return {
      bandKeys: profile.shingleCount >= MIN_SHINGLES ? lsh.keysOf(profile.signature) : null,
      weighted: weights.weigh(profile.terms),
      where: whereabouts(facts, profile.titleTerms.ids),
    };
  }

  function join(
    story: Story,
    entry: StoryInput,
    identity: string,
    profile: TextProfile,
    duplicateOf: string | null,
    reason: StoryReason,
    derived = derive(profile, entry.facts),
  ): StoryAssignment {
    const newSource = !story.sources.includes(entry.source);
    const update = diffFacts(story.facts, entry.facts);
    mergeFacts(story.facts, entry.facts, entry.published.getTime());
    record(story, entry, profile);
    stories.remember(story, entry, identity, profile, entry.published.getTime(), derived);
    return result(story, false, newSource, duplicateOf, update, reason);
  }

  /** Hands a newly assigned item to the store (options.record), to be replayed after a restart. */
  function record(story: Story, entry: StoryInput, profile: TextProfile): void {
    options.record?.({ storyId: story.id, key: entry.key, source: entry.source, published: new Date(entry.published.getTime()), facts: entry.facts, profile });
  }

  function restoreAll(members: readonly StoryMember[]): void {
    stories.inBulk(() => {
      for (const member of members) restore(member);
    });
  }

  function restore(member: StoryMember): void {
    const entry = { key: member.key, source: member.source, facts: member.facts };
    const identity = itemIdentity(entry);
    if (stories.storyOf(identity) !== undefined) return;
    const published = member.published.getTime();
    const story = stories.get(member.storyId) ?? stories.create(member.storyId, published);
    mergeFacts(story.facts, member.facts, published);
    stories.remember(story, entry, identity, member.profile, published, derive(member.profile, member.facts));
  }

  function result(
    story: Story,
    isNew: boolean,
    newSource: boolean,
    duplicateOf: string | null,
    update: StoryAssignment['update'],
    reason: StoryReason,
  ): StoryAssignment {
    return { storyId: story.id, isNew, duplicateOf, update, sources: [...story.sources], newSource, reason };
  }

  function storyIdFor(key: string): string {
    const base = `s_${hex(hashString(key))}${hex(hashString(key, 0x050c5d1f))}`;
    let id = base;
    for (let n = 2; stories.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  return {
    assign,
    restore,
    restoreAll,
    profile: profileOf,
    diff(storyId, facts) {
      const story = stories.get(storyId);
      return story === undefined ? null : diffFacts(story.facts, facts);
    },
    expire(now) {
      const cutoff = now.getTime() - windowMs;
      for (const story of [...stories.all()]) if (story.lastPublished < cutoff) stories.forget(story);
    },
    describe(storyId) {
      const story = stories.get(storyId);
      if (story === undefined) return null;
      return {
        id: story.id,
        sources: [...story.sources],
        itemCount: story.itemCount,
        firstPublished: new Date(story.firstPublished),
        lastPublished: new Date(story.lastPublished),
        places: [...story.facts.places],
        killed: story.facts.killed,
        injured: story.facts.injured,
      };
    },
    get size() {
      return stories.size;
    },
    get entries() {
      return stories.entries;
    },
  };
}

function itemIdentity(entry: Pick<StoryInput, 'key' | 'source'>): string {
  return `${entry.source}\u0000${entry.key}`;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
