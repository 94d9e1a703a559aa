// The story clusterer's contract: what goes in per item, what comes out (which story, is it a
// near-copy, does it add facts), and the knobs. See src/stories/story-index.ts.

import type { Facts, Place } from '../domain/alert.ts';
import type { StoryUpdate } from '../domain/alert-draft.ts';
import type { PlaceRelation } from './event-facts.ts';
import type { TextProfile } from './text-profile.ts';
import type { WordVectors } from './word-vectors.ts';

export type { PlaceRelation } from './event-facts.ts';

export interface StoryInput {
  /** Item key (src/domain/item.ts); with `source` it identifies the item. */
  readonly key: string;
  /** Outlet (feed title). */
  readonly source: string;
  readonly title: string;
  readonly body: string;
  readonly published: Date;
  /** Incident facts from summarize/, or null when not extracted. */
  readonly facts: Facts | null;
}

/** Why an item landed where it did (for explanations and tuning). */
export type StoryReason =
  | { readonly kind: 'new' }
  | { readonly kind: 'repeat' }
  | { readonly kind: 'duplicate'; readonly jaccard: number; readonly containment: number }
  | { readonly kind: 'same-event'; readonly similarity: number; readonly places: PlaceRelation };

export interface StoryAssignment {
  readonly storyId: string;
  /** True when this item starts a story. */
  readonly isNew: boolean;
  /** Key of a near-identical earlier item (a copy of the same wire text), or null. */
  readonly duplicateOf: string | null;
  /** What this item adds to the story so far (higher toll, new place), or null. */
  readonly update: StoryUpdate | null;
  /** Every outlet in the story so far, in order of first report (this item's included). */
  readonly sources: readonly string[];
  /** True when this item's outlet had not reported the story before (a new "also reported by"). */
  readonly newSource: boolean;
  readonly reason: StoryReason;
}

/**
 * One remembered item as the index records it: enough to rebuild the index exactly by replaying
 * members in the order they were recorded (see StoryIndex.restore).
 */
export interface StoryMember {
  readonly storyId: string;
  readonly key: string;
  readonly source: string;
  readonly published: Date;
  readonly facts: Facts | null;
  readonly profile: TextProfile;
}

/** A story as it stands. */
export interface StorySnapshot {
  readonly id: string;
  readonly sources: readonly string[];
  readonly itemCount: number;
  readonly firstPublished: Date;
  readonly lastPublished: Date;
  readonly places: readonly Place[];
  readonly killed: number | null;
  readonly injured: number | null;
}

export interface StoryIndexOptions {
  /** Items join a story only within this many hours of its items; older stories expire (72). */
  readonly windowHours?: number;
  /** Items remembered across all stories; past it the least recently updated stories go (20,000). */
  readonly maxEntries?: number;
  /** Texts kept per story for comparison: the first few and the latest (8). */
  readonly maxComparedPerStory?: number;
  /** MinHash functions (120) and LSH rows per band (3): 40 bands of 3 rows. */
  readonly numHashes?: number;
  readonly rowsPerBand?: number;
  /** Estimated Jaccard at or above which two texts are near-duplicates (0.5). */
  readonly duplicateJaccard?: number;
  /** Or: estimated containment of the shorter in the longer at or above this (0.8)... */
  readonly duplicateContainment?: number;
  /** ...with at least this Jaccard (0.3). */
  readonly duplicateMinJaccard?: number;
  /** Headline+lead similarity needed to join a story, by how the places of the item and the
   * story's closest text relate (shared place 0.35, shared country 0.4, unknown 0.5); see
   * join-decision.ts for what raises and lowers it. */
  readonly joinSimilarity?: Partial<Record<Exclude<PlaceRelation, 'conflict'>, number>>;
  /**
   * Word vectors for weighing what two texts mean ('shipped': models/word-vectors.bin, read on the
   * first item), or null to match on words alone (the clusterer before meaning was weighed).
   */
  readonly wordVectors?: WordVectors | 'shipped' | null;
  /** Called with every item the index remembers through assign (not restore): what a store persists. */
  readonly record?: (member: StoryMember) => void;
}
