// The stories the index remembers and what finds them: a story's texts in the LSH buckets, its
// terms in the term index, their weights in the corpus statistics; forgetting texts and stories;
// the cap on remembered items; and a bulk mode for a resume, which files the lookup indexes once
// at the end instead of text by text.
import { createFactsSoFar } from './event-facts.ts';
import type { LshIndex } from './lsh-index.ts';
import type { Member, Story } from './story-members.ts';
import type { StoryInput } from './story-types.ts';
import type { TermIndex } from './term-index.ts';
import type { TermWeights, WeightedTerms } from './term-weights.ts';
import type { Whereabouts } from './place-relation.ts';
import type { StoredProfile, TextProfile } from './text-profile.ts';

/** What a text is filed and compared by, from its profile and the term statistics when it was seen. */
export interface Derived {
  readonly bandKeys: Uint32Array | null;
  readonly weighted: WeightedTerms;
  /** Where the text says it happened (its facts' places, those its headline names). */
  readonly where: Whereabouts;
}

export interface StorySetOptions {
  readonly lsh: LshIndex<Member>;
  readonly termIndex: TermIndex<Story>;
  readonly weights: TermWeights;
  /** Items remembered at most, across stories; the least recently updated stories go first. */
  readonly maxEntries: number;
  /** Texts of a story compared with newcomers: the first third of them and the latest. */
  readonly maxCompared: number;
}

export interface StorySet {
  get(id: string): Story | undefined;
  has(id: string): boolean;
  /** The story an item (by identity: source and key) was filed in. */
  storyOf(identity: string): Story | undefined;
  /** Live stories, least recently updated first. */
  all(): IterableIterator<Story>;
  create(id: string, published: number): Story;
  /** Files a text in its story (it becomes the most recently updated), then keeps the item cap. */
  remember(story: Story, entry: Pick<StoryInput, 'key' | 'source'>, identity: string, profile: TextProfile, published: number, derived: Derived): void;
  forget(story: Story): void;
  /** Runs `replay` (many remember calls) with the lookup indexes filed once at the end. */
  inBulk(replay: () => void): void;
  readonly size: number;
  readonly entries: number;
}

const MAX_INDEXED_TERMS = 120;

export function createStorySet({ lsh, termIndex, weights, maxEntries, maxCompared }: StorySetOptions): StorySet {
  const keepFirst = Math.ceil(maxCompared / 3);
  /** Least recently updated first (re-inserted on every update). */
  const stories = new Map<string, Story>();
  const storyOfItem = new Map<string, Story>();
  let nextStorySeq = 1;
  /**
   * In bulk: the texts and story terms to file once all are remembered (texts and stories
   * forgotten meanwhile are skipped then), and where each story's new terms start.
   */
  let deferred: { readonly texts: { member: Member; keys: Uint32Array }[]; readonly terms: Map<Story, number> } | null = null;

  function create(id: string, published: number): Story {
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

  function remember(story: Story, entry: Pick<StoryInput, 'key' | 'source'>, identity: string, profile: TextProfile, published: number, { bandKeys, weighted, where }: Derived): void {
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
    enforceCap(story);
  }

  function forgetMember(member: Member): void {
    // Bucket keys are recomputed from the signature rather than kept with every text.
    if (member.banded) lsh.remove(member, lsh.keysOf(member.profile.signature));
    weights.remove(member.weighted.ids);
  }

  function forget(story: Story): void {
    for (const member of story.compared) forgetMember(member);
    for (const identity of story.itemKeys) storyOfItem.delete(identity);
    for (const term of story.indexed) termIndex.remove(term, story);
    stories.delete(story.id);
  }

  function enforceCap(keep: Story): void {
    for (const story of stories.values()) {
      if (storyOfItem.size <= maxEntries) return;
      if (story !== keep) forget(story);
    }
    // One story larger than the cap: forget its oldest item keys (only repeats go unrecognised).
    while (storyOfItem.size > maxEntries && keep.itemKeys.length > 1) {
      const oldest = keep.itemKeys.shift();
      if (oldest !== undefined) storyOfItem.delete(oldest);
    }
  }

  function inBulk(replay: () => void): void {
    deferred = { texts: [], terms: new Map() };
    const { texts, terms } = deferred;
    try {
      replay();
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

  return {
    get: (id) => stories.get(id),
    has: (id) => stories.has(id),
    storyOf: (identity) => storyOfItem.get(identity),
    all: () => stories.values(),
    create,
    remember,
    forget,
    inBulk,
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
