// Story clustering: near-duplicate copies (MinHash + LSH over body shingles) and follow-ups on the
// same incident (headline/lead TF-IDF cosine gated by places and dates) share one story id.
// Pure and in memory: time comes only from items' `published` and expire(now); memory is capped.

import { createFactsSoFar, diffFacts, mergeFacts } from './event-facts.ts';
import { createLshIndex } from './lsh-index.ts';
import { createSeeds, hashString } from './minhash.ts';
import { MIN_SHINGLES, findDuplicate, findSameEvent } from './find-story.ts';
import type { MatchSettings, Member, Story } from './story-members.ts';
import type { StoryAssignment, StoryIndexOptions, StoryInput, StoryMember, StoryReason, StorySnapshot } from './story-types.ts';
import type { StoryUpdate } from '../domain/alert-draft.ts';
import type { Facts } from '../domain/alert.ts';
import { createTermIndex } from './term-index.ts';
import { createTermWeights } from './term-weights.ts';
import { whereabouts } from './place-relation.ts';
import type { Whereabouts } from './place-relation.ts';
import { profileText } from './text-profile.ts';
import { defaultWordVectors } from './word-vectors.ts';
import type { WordVectors } from './word-vectors.ts';
import type { StoredProfile, TextProfile } from './text-profile.ts';
import type { WeightedTerms } from './term-weights.ts';

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

interface Derived {
  readonly bandKeys: Uint32Array | null;
  readonly weighted: WeightedTerms;
  /** Where the text says it happened (its facts' places, those its headline names). */
  readonly where: Whereabouts;
}

const HOUR_MS = 3_600_000;
const MAX_INDEXED_TERMS = 120;

export function createStoryIndex(options: StoryIndexOptions = {}): StoryIndex {
  const windowMs = (options.windowHours ?? 72) * HOUR_MS;
  const maxEntries = options.maxEntries ?? 20_000;
  const maxCompared = Math.max(2, options.maxComparedPerStory ?? 8);
  const keepFirst = Math.ceil(maxCompared / 3);
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

  /** Least recently updated first (re-inserted on every update). */
  const stories = new Map<string, Story>();
  const storyOfItem = new Map<string, Story>();
  const termIndex = createTermIndex<Story>();
  let nextStorySeq = 1;
  /**
   * During restoreAll: the texts and story terms to file once all members are replayed (texts and
   * stories forgotten meanwhile are skipped then), and where each story's new terms start.
   */
  let deferred: { readonly texts: { member: Member; keys: Uint32Array }[]; readonly terms: Map<Story, number> } | null = null;

  function assign(entry: StoryInput, options: { readonly storyId?: string } = {}): StoryAssignment {
    const published = entry.published.getTime();
    if (Number.isNaN(published)) throw new Error(`stories/story-index: item ${entry.key} has an invalid date`);
    const identity = itemIdentity(entry);
    const seen = storyOfItem.get(identity);
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
    const created = createStory(storyIdFor(entry.key), published);
    remember(created, entry, identity, profile, published, true, derived);
    mergeFacts(created.facts, entry.facts, published);
    enforceCap(created);
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
    remember(story, entry, identity, profile, entry.published.getTime(), true, derived);
    enforceCap(story);
    return result(story, false, newSource, duplicateOf, update, reason);
  }

  function restoreAll(members: readonly StoryMember[]): void {
    deferred = { texts: [], terms: new Map() };
    const { texts, terms } = deferred;
    try {
      for (const member of members) restore(member);
    } finally {
      deferred = null;
    }
    const live = (story: Story): boolean => stories.get(story.id) === story;
    const banded = texts.filter(({ member }) => live(member.story) && member.story.compared.includes(member));
    lsh.addAll(
      banded.map((t) => t.member),
      banded.map((t) => t.keys),
    );
    const ids: number[] = [];
    const holders: Story[] = [];
    for (const [story, from] of terms) {
      if (!live(story)) continue;
      for (let i = from; i < story.indexed.length; i++) {
        ids.push(story.indexed[i] ?? 0);
        holders.push(story);
      }
    }
    termIndex.addAll(ids, holders);
  }

  function restore(member: StoryMember): void {
    const entry = { key: member.key, source: member.source, facts: member.facts };
    const identity = itemIdentity(entry);
    if (storyOfItem.has(identity)) return;
    const published = member.published.getTime();
    const story = stories.get(member.storyId) ?? createStory(member.storyId, published);
    mergeFacts(story.facts, member.facts, published);
    remember(story, entry, identity, member.profile, published, false, derive(member.profile, member.facts));
    enforceCap(story);
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
    entry: Pick<StoryInput, 'key' | 'source' | 'facts'>,
    identity: string,
    profile: TextProfile,
    published: number,
    recorded: boolean,
    { bandKeys, weighted, where }: Derived,
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
    if (recorded) {
      const member = { storyId: story.id, key: entry.key, source: entry.source, published: new Date(published), facts: entry.facts, profile };
      options.record?.(member);
    }

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
    weights.add(profile.terms.ids);
    if (deferred !== null) {
      if (bandKeys !== null) deferred.texts.push({ member, keys: bandKeys });
      if (!deferred.terms.has(story)) deferred.terms.set(story, story.indexed.length);
    } else if (bandKeys !== null) lsh.add(member, bandKeys);
    // The story's own list says whether it is filed under a term (at most MAX_INDEXED_TERMS).
    const fresh = story.indexed.length === 0; // a text's terms are distinct
    for (const term of profile.terms.ids) {
      if (story.indexed.length >= MAX_INDEXED_TERMS) break;
      if (!fresh && story.indexed.includes(term)) continue;
      story.indexed.push(term);
      if (deferred === null) termIndex.add(term, story);
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
    restore,
    restoreAll,
    profile: profileOf,
    diff(storyId, facts) {
      const story = stories.get(storyId);
      return story === undefined ? null : diffFacts(story.facts, facts);
    },
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

function itemIdentity(entry: Pick<StoryInput, 'key' | 'source'>): string {
  return `${entry.source}\u0000${entry.key}`;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
