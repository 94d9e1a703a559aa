// Finds the story a new item belongs to: first a near-identical earlier text (LSH candidates,
// checked by MinHash estimate), else a story on the same incident (stories sharing its rarest
// words, judged text by text in join-decision.ts).
// Conservative by design: a wrong merge hides an incident, a missed one only repeats an alert.

import type { Facts } from '../domain/alert.ts';
import { closestDate, eventDate } from './event-facts.ts';
import type { FactsSoFar, PlaceRelation } from './event-facts.ts';
import type { LshIndex } from './lsh-index.ts';
import { holderCount } from './term-index.ts';
import type { Holders, TermIndex } from './term-index.ts';
import { estimateContainment, estimateJaccard } from './minhash.ts';
import { judgeJoin } from './join-decision.ts';
import type { Newcomer } from './join-decision.ts';
import { relateWhere } from './place-relation.ts';
import type { Whereabouts } from './place-relation.ts';
import type { TermWeights, WeightedTerms } from './term-weights.ts';
import { anchorsConflict } from './text-profile.ts';
import type { TextProfile } from './text-profile.ts';
import { sortedHas } from './sorted-has.ts';
import type { MatchSettings, Member, Story } from './story-members.ts';

export interface SearchState {
  readonly lsh: LshIndex<Member>;
  readonly termIndex: TermIndex<Story>;
  readonly weights: TermWeights;
  readonly settings: MatchSettings;
}

/** Fewer shingles than this and the MinHash estimate is too coarse to call a copy. */
export const MIN_SHINGLES = 8;
/** Event dates further apart than this (days) are different events. */
const MAX_DATE_GAP_DAYS = 1;
/** Terms of the item used to look up candidate stories (rarest first), and how many to score. */
const TITLE_LOOKUP_TERMS = 8;
const LEAD_LOOKUP_TERMS = 4;
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
  where: Whereabouts,
  facts: Facts | null,
  published: number,
): DuplicateFound | null {
  if (bandKeys === null) return null;
  const { settings } = state;
  let best: DuplicateFound | null = null;
  const candidates: Member[] = [];
  const stamp = nextStamp();
  state.lsh.forEachCandidate(bandKeys, (member) => {
    if (member.stamp === stamp) return;
    member.stamp = stamp;
    candidates.push(member);
  });
  for (const member of candidates) {
    if (member.profile.shingleCount < MIN_SHINGLES) continue;
    if (!withinWindow(member.story, published, settings.windowMs)) continue;
    const jaccard = estimateJaccard(profile.signature, member.profile.signature);
    const containment = estimateContainment(jaccard, profile.shingleCount, member.profile.shingleCount);
    const copy =
      jaccard >= settings.duplicateJaccard ||
      (containment >= settings.duplicateContainment && jaccard >= settings.duplicateMinJaccard);
    if (!copy || (best !== null && jaccard <= best.jaccard)) continue;
    // Templated texts ("magnitude 5 quake strikes near X") look alike but name other places.
    const places = relateWhere(member.where, where);
    if (places === 'conflict' || datesConflict(member.story.facts, facts, published)) continue;
    // Headline names are consulted when the facts do not already say both texts share a place.
    if (places !== 'shared-place' && anchorsConflict(profile, member.profile)) continue;
    best = { member, jaccard, containment };
  }
  return best;
}

/**
 * Follow-ups restate the event's date ("the attack on Friday"), so an event date further than a
 * day from every date the story has seen means another event, even in the same words. A date the
 * report only recalls (weeks before its publication) is not the event's: see eventDate.
 */
function datesConflict(story: FactsSoFar, facts: Facts | null, published: number): boolean {
  const gap = closestDate(story.dates, eventDate(facts, published));
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
  weighted: WeightedTerms,
  where: Whereabouts,
  facts: Facts | null,
  published: number,
  source: string,
): SameEventFound | null {
  const { settings } = state;
  const candidates = lookUpStories(state, profile);
  if (candidates.length === 0) return null;
  const newcomer: Newcomer = { profile, weighted, weightedTitle: null, where, published, source };
  let best: SameEventFound | null = null;
  for (const story of candidates) {
    if (!withinWindow(story, published, settings.windowMs) || datesConflict(story.facts, facts, published)) continue;
    // Places are compared text by text: a story's places pile up, and a pile shares something
    // with almost anything.
    for (const member of story.compared) {
      const judged = judgeJoin(state, newcomer, member);
      if (judged !== null && (best === null || judged.similarity > best.similarity)) best = { story, ...judged };
    }
  }
  return best;
}

/**
 * Stories sharing at least two lookup terms with the item, most shared first. Lookup terms are
 * the headline's and the lead's rarest: a lead's incidental words ("strewn") must not crowd out
 * the headline's ("satellite", "bucha").
 */
function lookUpStories(state: SearchState, profile: TextProfile): Story[] {
  const { termIndex } = state;
  const title = profile.titleTerms.ids;
  const lead: number[] = [];
  for (const id of profile.terms.ids) if (!sortedHas(title, id)) lead.push(id);
  const lookup = rarestHeld(termIndex, title, TITLE_LOOKUP_TERMS);
  for (const holders of rarestHeld(termIndex, lead, LEAD_LOOKUP_TERMS)) lookup.push(holders);
  const stamp = nextStamp();
  const chosen: Story[] = [];
  for (const holders of lookup) {
    if (holders instanceof Set || Array.isArray(holders)) for (const story of holders as Iterable<Story>) countHit(story, stamp, chosen);
    else countHit(holders as Story, stamp, chosen);
  }
  chosen.sort((a, b) => b.hits - a.hits || a.seq - b.seq);
  return chosen.slice(0, MAX_CANDIDATES);
}

/** Counts a lookup term shared with `story`; it is chosen when it reaches the minimum (once). */
function countHit(story: Story, stamp: number, chosen: Story[]): void {
  if (story.stamp !== stamp) {
    story.stamp = stamp;
    story.hits = 0;
  }
  if (++story.hits === MIN_SHARED_TERMS) chosen.push(story);
}

function rarestHeld(
  termIndex: TermIndex<Story>,
  ids: ArrayLike<number>,
  count: number,
): Holders<Story>[] {
  const held: { id: number; size: number; holders: Holders<Story> }[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? 0;
    const holders = termIndex.get(id);
    if (holders === undefined) continue;
    const size = holderCount(holders);
    if (size <= MAX_TERM_STORIES) held.push({ id, size, holders });
  }
  held.sort((a, b) => a.size - b.size || a.id - b.id);
  return held.slice(0, count).map((h) => h.holders);
}


/** Stamps mark what one lookup has visited without a Set; they only ever increase. */
let lastStamp = 0;
function nextStamp(): number {
  return ++lastStamp;
}

function withinWindow(story: Story, published: number, windowMs: number): boolean {
  return published >= story.firstPublished - windowMs && published <= story.lastPublished + windowMs;
}
