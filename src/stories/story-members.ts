// A story as the clusterer remembers it (its compared texts, sources and facts so far) and the
// thresholds it matches with; shared by find-story.ts, join-decision.ts and story-index.ts.
import type { FactsSoFar, PlaceRelation } from './event-facts.ts';
import type { Whereabouts } from './place-relation.ts';
import type { WeightedTerms } from './term-weights.ts';
import type { StoredProfile } from './text-profile.ts';

/** One remembered text of a story, comparable with new items. */
export interface Member {
  readonly key: string;
  /** Outlet: texts of one outlet need more than rare shared words to be one story. */
  readonly source: string;
  readonly published: number;
  readonly profile: StoredProfile;
  /** Where its facts and headline say it happened (nowhere when no facts). */
  readonly where: Whereabouts;
  /** Headline+lead TF-IDF weights as of when the text was seen. */
  readonly weighted: WeightedTerms;
  /** Headline-only weights, computed the first time a headline-only item meets this text. */
  weightedTitle: WeightedTerms | null;
  /** True when the text is in the LSH index (long enough to have a signature worth banding). */
  readonly banded: boolean;
  /** Scratch for one lookup: visited when equal to the lookup's stamp. */
  stamp: number;
  readonly story: Story;
}

export interface Story {
  readonly id: string;
  /** Creation order (ties between candidates go to the older story). */
  readonly seq: number;
  /** Scratch for one lookup: shared lookup terms, valid while `stamp` is the lookup's. */
  stamp: number;
  hits: number;
  firstPublished: number;
  lastPublished: number;
  readonly sources: string[];
  /** Identities (source + key) of its items, oldest first, for recognising repeats. */
  readonly itemKeys: string[];
  itemCount: number;
  /** The texts compared with newcomers: the first few and the latest. */
  readonly compared: Member[];
  /** Term ids under which the story is found in the term index (at most a fixed number). */
  readonly indexed: number[];
  readonly facts: FactsSoFar;
}

export interface MatchSettings {
  readonly windowMs: number;
  readonly duplicateJaccard: number;
  readonly duplicateContainment: number;
  readonly duplicateMinJaccard: number;
  readonly join: Readonly<Record<Exclude<PlaceRelation, 'conflict'>, number>>;
}
