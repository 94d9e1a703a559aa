// Whether a new text reports the same event as one remembered text: headline+lead similarity
// (TF-IDF cosine, or how much of each headline the other repeats) against a bar set by where
// both say it happened, how far apart they were published, how rare the shared words are, and
// whether two outlets agree or one outlet wrote twice.

import { relateWhere } from './place-relation.ts';
import type { Whereabouts } from './place-relation.ts';
import type { PlaceRelation } from './event-facts.ts';
import type { MatchSettings, Member } from './story-members.ts';
import { cosineOf } from './term-weights.ts';
import type { TermWeights, WeightedTerms } from './term-weights.ts';
import { anchorsConflict, yearsConflict } from './text-profile.ts';
import { meaningCosine } from './word-vectors.ts';
import type { TextProfile } from './text-profile.ts';

/** The item being assigned, as compared with each remembered text. */
export interface Newcomer {
  readonly profile: TextProfile;
  readonly weighted: WeightedTerms;
  /** Headline-only weights, computed when first needed. */
  weightedTitle: WeightedTerms | null;
  readonly where: Whereabouts;
  readonly published: number;
  readonly source: string;
}

export interface Judged {
  readonly similarity: number;
  readonly places: PlaceRelation;
}

const MIN_SHARED_TERMS = 2;
/** Texts published within this long of each other are judged on their words alone. */
const SAME_TIME_MS = 6 * 3_600_000;
/** Past that, the bar rises this much per day: a report a day later is usually another event. */
const RISE_PER_DAY = 0.4;
/**
 * Two outlets whose texts share this many rare words' worth (see sharedRarity) report one
 * thing; the bar drops by RARE_BONUS, never below MIN_BAR. One outlet's series ("Apple seeds
 * beta of X", "How to avoid inheritance tax") shares rare words by template, so not for it.
 */
const STRONG_RARITY = 3.5;
const RARE_BONUS = 0.15;
const MIN_BAR = 0.25;
/** Below this cosine, headline coverage is not worth computing. */
const COVERAGE_FLOOR = 0.15;
/**
 * Two outlets' texts that share this much in words (cosine) may be lifted by what they mean: the
 * similarity becomes a blend of the word cosine and the meaning cosine (word vectors) rescaled
 * from MEANING_FLOOR to 1 (texts of one day on unrelated news mostly sit below it), so words
 * cosine 0.3 with meaning 0.9 give 0.54. Meaning only ever weighs after places, dates, headline
 * names and years found nothing against the join, and never for one outlet's texts (templates).
 */
const MEANING_MIN_COSINE = 0.3;
const MEANING_FLOOR = 0.75;
const MEANING_SHARE = 0.8;

export function judgeJoin(
  state: { readonly weights: TermWeights; readonly settings: MatchSettings },
  item: Newcomer,
  member: Member,
): Judged | null {
  const { weights, settings } = state;
  const { profile } = item;
  const places = relateWhere(member.where, item.where);
  if (places === 'conflict') return null;
  if (places !== 'shared-place' && anchorsConflict(profile, member.profile)) return null;
  if (yearsConflict(profile, item.published, member.profile, member.published)) return null;
  let { cosine, shared } = cosineOf(item.weighted, member.weighted);
  if (profile.headlineOnly || member.profile.headlineOnly) {
    // Against a headline alone, the other side's lead only dilutes: compare headlines too.
    item.weightedTitle ??= weights.weigh(profile.titleTerms);
    member.weightedTitle ??= weights.weigh(member.profile.titleTerms);
    const headlines = cosineOf(item.weightedTitle, member.weightedTitle);
    if (headlines.cosine > cosine) ({ cosine, shared } = headlines);
  }
  if (shared < MIN_SHARED_TERMS) return null;
  const otherOutlet = member.source !== item.source;
  let bar = settings.join[places];
  if (otherOutlet && cosine >= COVERAGE_FLOOR) {
    const ids = member.weighted.ids;
    cosine = Math.max(cosine, weights.headlineCoverage(profile.titleTerms.ids, profile.terms.ids, member.profile.titleTerms.ids, ids));
    if (weights.sharedRarity(profile.terms.ids, ids) >= STRONG_RARITY) bar = Math.max(MIN_BAR, bar - RARE_BONUS);
  }
  if (otherOutlet && cosine >= MEANING_MIN_COSINE) {
    const meaning = meaningCosine(profile.meaning, member.profile.meaning);
    const lifted = (1 - MEANING_SHARE) * cosine + MEANING_SHARE * Math.max(0, (meaning - MEANING_FLOOR) / (1 - MEANING_FLOOR));
    cosine = Math.max(cosine, lifted);
  }
  const gap = Math.abs(item.published - member.published);
  bar += (Math.max(0, gap - SAME_TIME_MS) / 86_400_000) * RISE_PER_DAY;
  return cosine >= bar ? { similarity: cosine, places } : null;
}
