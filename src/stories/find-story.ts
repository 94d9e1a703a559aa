// Finds the story a new item belongs to: first a near-identical earlier text (LSH candidates,
// checked by MinHash estimate), else a story on the same incident (term cosine, gated by facts).
// Conservative by design: a wrong merge hides an incident, a missed one only repeats an alert.

import type { Facts } from '../domain/alert.ts';
import { closestDate, relatePlaces } from './event-facts.ts';
import type { FactsSoFar, PlaceRelation } from './event-facts.ts';
import type { LshIndex } from './lsh-index.ts';
import { estimateContainment, estimateJaccard } from './minhash.ts';
import { cosineOf } from './term-weights.ts';
import type { TermWeights, WeightedTerms } from './term-weights.ts';
import { anchorsConflict } from './text-profile.ts';
import type { TextProfile } from './text-profile.ts';

/** One remembered text of a story, comparable with new items. */
export interface Member {
  readonly id: number;
  readonly key: string;
  readonly published: number;
  readonly profile: TextProfile;
  /** Headline/lead TF-IDF weights as of when the text was seen. */
  readonly weighted: WeightedTerms;
  /** LSH bucket keys of the signature, or null when the text is too short to have one. */
  readonly bandKeys: Uint32Array | null;
  readonly story: Story;
}

export interface Story {
  readonly id: string;
  /** Creation order (ties between candidates go to the older story). */
  readonly seq: number;
  firstPublished: number;
  lastPublished: number;
  readonly sources: string[];
  readonly itemKeys: string[];
  /** The texts compared with newcomers: the first few and the latest. */
  readonly compared: Member[];
  /** Terms under which the story is found in the term index. */
  readonly indexed: Set<string>;
  readonly facts: FactsSoFar;
}

export interface MatchSettings {
  readonly windowMs: number;
  readonly duplicateJaccard: number;
  readonly duplicateContainment: number;
  readonly duplicateMinJaccard: number;
  readonly join: Readonly<Record<Exclude<PlaceRelation, 'conflict'>, number>>;
}

export interface SearchState {
  readonly lsh: LshIndex;
  readonly members: ReadonlyMap<number, Member>;
  readonly termIndex: ReadonlyMap<string, ReadonlySet<Story>>;
  readonly weights: TermWeights;
  readonly settings: MatchSettings;
}

/** Fewer shingles than this and the MinHash estimate is too coarse to call a copy. */
export const MIN_SHINGLES = 8;
/** Event dates further apart than this (days) are different events. */
const MAX_DATE_GAP_DAYS = 1;
/** Terms of the item used to look up candidate stories (rarest first), and how many to score. */
const LOOKUP_TERMS = 8;
const MAX_CANDIDATES = 12;
/** A term held by more stories than this says nothing about which one (e.g. "government"). */
const MAX_TERM_STORIES = 50;
const MIN_SHARED_TERMS = 2;

export interface DuplicateFound {
  readonly member: Member;
  readonly jaccard: number;
  readonly containment: number;
}

export function findDuplicate(
  state: SearchState,
  profile: TextProfile,
  bandKeys: Uint32Array | null,
  facts: Facts | null,
  published: number,
): DuplicateFound | null {
  if (bandKeys === null) return null;
  const { settings } = state;
  let best: DuplicateFound | null = null;
  for (const id of state.lsh.candidates(bandKeys)) {
    const member = state.members.get(id);
    if (member === undefined || member.profile.shingleCount < MIN_SHINGLES) continue;
    if (!withinWindow(member.story, published, settings.windowMs)) continue;
    const jaccard = estimateJaccard(profile.signature, member.profile.signature);
    const containment = estimateContainment(jaccard, profile.shingleCount, member.profile.shingleCount);
    const copy =
      jaccard >= settings.duplicateJaccard ||
      (containment >= settings.duplicateContainment && jaccard >= settings.duplicateMinJaccard);
    if (!copy || (best !== null && jaccard <= best.jaccard)) continue;
    // Templated texts ("magnitude 5 quake strikes near X") look alike but name other places.
    if (factsConflict(member.story.facts, facts)) continue;
    if (namesDecide(member.story.facts, facts) && anchorsConflict(profile, member.profile)) continue;
    best = { member, jaccard, containment };
  }
  return best;
}

function factsConflict(story: FactsSoFar, facts: Facts | null): boolean {
  if (facts === null) return false;
  return relatePlaces(story.places, facts.places) === 'conflict' || datesConflict(story, facts);
}

/** Headline names are consulted when the facts do not already say both texts share a place. */
function namesDecide(story: FactsSoFar, facts: Facts | null): boolean {
  return relatePlaces(story.places, facts?.places ?? []) !== 'shared-place';
}

/**
 * Follow-ups restate the event's date ("the attack on Friday"), so an event date further than a
 * day from every date the story has seen means another event, even in the same words.
 */
function datesConflict(story: FactsSoFar, facts: Facts | null): boolean {
  const gap = closestDate(story.dates, facts?.when ?? null);
  return gap !== null && gap > MAX_DATE_GAP_DAYS;
}

export interface SameEventFound {
  readonly story: Story;
  readonly similarity: number;
  readonly places: PlaceRelation;
}

export function findSameEvent(
  state: SearchState,
  profile: TextProfile,
  facts: Facts | null,
  published: number,
): SameEventFound | null {
  const { weights, settings } = state;
  const candidates = lookUpStories(state, profile);
  if (candidates.length === 0) return null;
  const weighted = weights.weigh(profile.terms);
  let best: SameEventFound | null = null;
  for (const story of candidates) {
    if (!withinWindow(story, published, settings.windowMs)) continue;
    const places = relatePlaces(story.facts.places, facts?.places ?? []);
    if (places === 'conflict' || datesConflict(story.facts, facts)) continue;
    const needed = settings.join[places];
    const checkNames = places === 'unknown' || places === 'shared-country';
    let similarity = 0;
    for (const member of story.compared) {
      if (checkNames && anchorsConflict(profile, member.profile)) continue;
      const { cosine, shared } = cosineOf(weighted, member.weighted);
      if (shared >= MIN_SHARED_TERMS && cosine > similarity) similarity = cosine;
    }
    if (similarity < needed || (best !== null && similarity <= best.similarity)) continue;
    best = { story, similarity, places };
  }
  return best;
}

/** Stories sharing the item's rarest terms, most shared first. */
function lookUpStories(state: SearchState, profile: TextProfile): Story[] {
  const { termIndex } = state;
  const held: { term: string; holders: ReadonlySet<Story> }[] = [];
  for (const term of profile.terms.keys()) {
    const holders = termIndex.get(term);
    if (holders !== undefined && holders.size <= MAX_TERM_STORIES) held.push({ term, holders });
  }
  held.sort((a, b) => a.holders.size - b.holders.size || (a.term < b.term ? -1 : 1));
  const hits = new Map<Story, number>();
  for (const { holders } of held.slice(0, LOOKUP_TERMS)) {
    for (const story of holders) hits.set(story, (hits.get(story) ?? 0) + 1);
  }
  const chosen: [Story, number][] = [];
  for (const [story, n] of hits) if (n >= MIN_SHARED_TERMS) chosen.push([story, n]);
  chosen.sort((a, b) => b[1] - a[1] || a[0].seq - b[0].seq);
  return chosen.slice(0, MAX_CANDIDATES).map(([story]) => story);
}

function withinWindow(story: Story, published: number, windowMs: number): boolean {
  return published >= story.firstPublished - windowMs && published <= story.lastPublished + windowMs;
}
