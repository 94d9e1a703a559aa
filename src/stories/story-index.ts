// Story clustering: near-duplicate copies (MinHash + LSH over body shingles) and follow-ups on the
// same incident (headline/lead TF-IDF cosine gated by places and dates) share one story id.
// Pure and in memory: time comes only from items' `published` and expire(now); memory is capped.

import { createFactsSoFar, diffFacts, mergeFacts } from './event-facts.ts';
import { createLshIndex } from './lsh-index.ts';
import { createSeeds, hashString } from './minhash.ts';
import { MIN_SHINGLES, findDuplicate, findSameEvent } from './find-story.ts';
import type { MatchSettings, Member, Story } from './find-story.ts';
import type { StoryAssignment, StoryIndexOptions, StoryInput, StoryReason, StorySnapshot } from './story-types.ts';
import { createTermIndex } from './term-index.ts';
import { createTermWeights } from './term-weights.ts';
import { whereabouts } from './place-relation.ts';
import type { Whereabouts } from './place-relation.ts';
import { profileText } from './text-profile.ts';
import type { StoredProfile, TextProfile } from './text-profile.ts';
import type { WeightedTerms } from './term-weights.ts';

export type * from './story-types.ts';

export interface StoryIndex {
  assign(entry: StoryInput): StoryAssignment;
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

/** What is kept of a new item's text for comparing later items with it. */
interface Remembered {
  readonly profile: TextProfile;
  readonly weighted: WeightedTerms;
  readonly bandKeys: Uint32Array | null;
  readonly where: Whereabouts;
}
const MAX_INDEXED_TERMS = 120;

export function createStoryIndex(options: StoryIndexOptions = {}): StoryIndex {
  const windowMs = (options.windowHours ?? 72) * HOUR_MS;
  const maxEntries = options.maxEntries ?? 20_000;
  const maxCompared = Math.max(2, options.maxComparedPerStory ?? 8);
  const keepFirst = Math.ceil(maxCompared / 3);
  const numHashes = options.numHashes ?? 120;
  const rows = options.rowsPerBand ?? 3;
  const seeds = createSeeds(numHashes);
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

  /** Least recently updated first (re-inserted on every update). */
  const stories = new Map<string, Story>();
  const storyOfItem = new Map<string, Story>();
  const termIndex = createTermIndex<Story>();
  let nextStorySeq = 1;

  function assign(entry: StoryInput): StoryAssignment {
    const published = entry.published.getTime();
    if (Number.isNaN(published)) throw new Error(`stories/story-index: item ${entry.key} has an invalid date`);
    const identity = itemIdentity(entry);
    const seen = storyOfItem.get(identity);
    if (seen !== undefined) return result(seen, false, entry.key, null, { kind: 'repeat' });

    const profile = profileText(entry.title, entry.body, { seeds });
    const bandKeys = profile.shingleCount >= MIN_SHINGLES ? lsh.keysOf(profile.signature) : null;
    const state = { lsh, termIndex, weights, settings };
    const where = whereabouts(entry.facts, profile.titleTerms.ids);
    const duplicate = findDuplicate(state, profile, bandKeys, where, entry.facts, published);
    const weighted = weights.weigh(profile.terms);
    const sameEvent =
      duplicate === null ? findSameEvent(state, profile, weighted, where, entry.facts, published, entry.source) : null;
    const story = duplicate?.member.story ?? sameEvent?.story ?? null;

    if (story === null) {
      const created = createStory(storyIdFor(entry.key), published);
      remember(created, entry, identity, { profile, weighted, bandKeys, where }, published);
      mergeFacts(created.facts, entry.facts);
      enforceCap(created);
      return result(created, true, null, null, { kind: 'new' });
    }
    const update = diffFacts(story.facts, entry.facts);
    mergeFacts(story.facts, entry.facts);
    remember(story, entry, identity, { profile, weighted, bandKeys, where }, published);
    enforceCap(story);
    if (duplicate !== null) {
      const reason: StoryReason = {
        kind: 'duplicate',
        jaccard: duplicate.jaccard,
        containment: duplicate.containment,
      };
      return result(story, false, duplicate.member.key, update, reason);
    }
    const reason: StoryReason = {
      kind: 'same-event',
      similarity: sameEvent?.similarity ?? 0,
      places: sameEvent?.places ?? 'unknown',
    };
    return result(story, false, null, update, reason);
  }

  function result(
    story: Story,
    isNew: boolean,
    duplicateOf: string | null,
    update: StoryAssignment['update'],
    reason: StoryReason,
  ): StoryAssignment {
    return { storyId: story.id, isNew, duplicateOf, update, sources: [...story.sources], reason };
  }

  function storyIdFor(key: string): string {
    const base = `s_${hex(hashString(key))}${hex(hashString(key, 0x050c5d1f))}`;
    let id = base;
    for (let n = 2; stories.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  function createStory(id: string, published: number): Story {
    const story: Story = {
      id,
      seq: nextStorySeq++,
      stamp: 0,
      hits: 0,
      firstPublished: published,
      lastPublished: published,
      sources: [],
      itemKeys: [],
      itemCount: 0,
      compared: [],
      indexed: [],
      facts: createFactsSoFar(),
    };
    stories.set(id, story);
    return story;
  }

  function remember(
    story: Story,
    entry: StoryInput,
    identity: string,
    { profile, weighted, bandKeys, where }: Remembered,
    published: number,
  ): void {
    story.firstPublished = Math.min(story.firstPublished, published);
    story.lastPublished = Math.max(story.lastPublished, published);
    if (!story.sources.includes(entry.source)) story.sources.push(entry.source);
    story.itemKeys.push(identity);
    story.itemCount++;
    storyOfItem.set(identity, story);
    // Re-insert so the Map's order stays "least recently updated first".
    stories.delete(story.id);
    stories.set(story.id, story);

    const member: Member = {
      key: entry.key,
      source: entry.source,
      published,
      profile: storedProfile(profile),
      where,
      weighted,
      weightedTitle: null,
      banded: bandKeys !== null,
      stamp: 0,
      story,
    };
    if (story.compared.length >= maxCompared) {
      const dropped = story.compared.splice(keepFirst, 1)[0];
      if (dropped !== undefined) forgetMember(dropped);
    }
    story.compared.push(member);
    if (bandKeys !== null) lsh.add(member, bandKeys);
    weights.add(profile.terms.ids);
    for (const term of profile.terms.ids) {
      if (story.indexed.length >= MAX_INDEXED_TERMS) break;
      if (termIndex.add(term, story)) story.indexed.push(term);
    }
  }

  function forgetMember(member: Member): void {
    // Bucket keys are recomputed from the signature rather than kept with every text.
    if (member.banded) lsh.remove(member, lsh.keysOf(member.profile.signature));
    weights.remove(member.weighted.ids);
  }

  function forgetStory(story: Story): void {
    for (const member of story.compared) forgetMember(member);
    for (const identity of story.itemKeys) storyOfItem.delete(identity);
    for (const term of story.indexed) termIndex.remove(term, story);
    stories.delete(story.id);
  }

  function enforceCap(keep: Story): void {
    for (const story of stories.values()) {
      if (storyOfItem.size <= maxEntries) return;
      if (story !== keep) forgetStory(story);
    }
    // One story larger than the cap: forget its oldest item keys (only repeats go unrecognised).
    while (storyOfItem.size > maxEntries && keep.itemKeys.length > 1) {
      const oldest = keep.itemKeys.shift();
      if (oldest !== undefined) storyOfItem.delete(oldest);
    }
  }

  return {
    assign,
    expire(now) {
      const cutoff = now.getTime() - windowMs;
      for (const story of [...stories.values()]) if (story.lastPublished < cutoff) forgetStory(story);
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
      return storyOfItem.size;
    },
  };
}

/** The profile minus its term counts: the member keeps the same terms as weights. */
function storedProfile({ terms: _terms, ...stored }: TextProfile): StoredProfile {
  return stored;
}

function itemIdentity(entry: StoryInput): string {
  return `${entry.source}\u0000${entry.key}`;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
