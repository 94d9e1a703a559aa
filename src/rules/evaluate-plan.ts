// Evaluates compiled plans on one indexed article: whether a plan holds, and which words made it
// hold (spec/rules.md, "Operators", "Explanation"). ArticleIndex has already looked the article's
// words up in the rule set's TermTable, so a single-word term is a check of two array cells.
import type { Field } from '../domain/match.ts';
import { fieldOf, positionOf } from './article-index.ts';
import type { ArticleIndex } from './article-index.ts';
import { FIELDS } from './query-plan.ts';
import type { PlaceMention, PlaceResolver, Plan, PositionalPlan, WordMatcher } from './query-plan.ts';

/** A run of words in one field (FIELDS index) that a term matched; end exclusive. */
export interface Hit {
  readonly field: number;
  readonly start: number;
  readonly end: number;
  /** The term as written in the query. */
  readonly label: string;
}

/** Per-rule-set arrays for term results, reused from article to article. */
export class ResultScratch {
  readonly slotSeen: Int32Array;
  readonly slotHits: (readonly Hit[])[];

  constructor(slots: number) {
    this.slotSeen = new Int32Array(slots);
    this.slotHits = new Array<readonly Hit[]>(slots).fill([]);
  }
}

export class PlanEvaluator {
  private readonly mentionCache = new Map<PlaceResolver, (readonly PlaceMention[])[]>();

  constructor(
    readonly article: ArticleIndex,
    private readonly results: ResultScratch,
  ) {}

  test(plan: Plan): boolean {
    switch (plan.kind) {
      case 'term': {
        const matchers = plan.matchers;
        for (let i = 0; i < matchers.length; i++) if (!this.article.present((matchers[i] as WordMatcher).id, plan.fields)) return false;
        return matchers.length === 1 || this.hits(plan).length > 0;
      }
      case 'place':
        return this.hits(plan).length > 0;
      case 'and':
        for (const c of plan.order) if (!this.test(c)) return false;
        return true;
      case 'or':
        for (const c of plan.order) if (this.test(c)) return true;
        return false;
      case 'not':
        return !this.test(plan.child);
      case 'near':
        return this.test(plan.left) && this.test(plan.right) && this.nearHits(plan, true).length > 0;
    }
  }

  /** The hits that make a plan hold (nothing under NOT); call only when test(plan) is true. */
  collect(plan: Plan, out: Hit[]): void {
    switch (plan.kind) {
      case 'term':
      case 'place':
        out.push(...this.hits(plan));
        return;
      case 'and':
        for (const c of plan.children) this.collect(c, out);
        return;
      case 'or':
        for (const c of plan.children) if (this.test(c)) this.collect(c, out);
        return;
      case 'not':
        return;
      case 'near':
        out.push(...this.nearHits(plan, false));
        return;
    }
  }

  /** Where a term, place or OR group of them occurs, sorted by field then start. */
  hits(plan: Plan): readonly Hit[] {
    if (plan.kind === 'or') return sortHits(plan.children.flatMap((c) => this.hits(c)));
    if (plan.kind !== 'term' && plan.kind !== 'place') return [];
    const { slotSeen, slotHits } = this.results;
    if (slotSeen[plan.slot] === this.article.generation) return slotHits[plan.slot] as readonly Hit[];
    const hits = sortHits(plan.kind === 'term' ? this.termHits(plan) : this.placeHits(plan));
    slotSeen[plan.slot] = this.article.generation;
    slotHits[plan.slot] = hits;
    return hits;
  }

  private termHits(plan: PositionalPlan & { kind: 'term' }): Hit[] {
    const matchers = plan.matchers;
    const first = matchers[0];
    if (first === undefined) return [];
    for (let i = 0; i < matchers.length; i++) if (!this.article.present((matchers[i] as WordMatcher).id, plan.fields)) return [];
    const hits: Hit[] = [];
    const codes = this.positionsOf(first);
    next: for (let c = 0; c < codes.length; c++) {
      const code = codes[c] as number;
      const field = fieldOf(code);
      if ((plan.fields & (1 << field)) === 0) continue;
      const start = positionOf(code);
      for (let i = 1; i < matchers.length; i++) if (!this.matchesAt(matchers[i] as WordMatcher, field, start + i)) continue next;
      hits.push({ field, start, end: start + matchers.length, label: plan.label });
    }
    return hits;
  }

  private matchesAt(matcher: WordMatcher, field: number, position: number): boolean {
    if (matcher.kind === 'forms') {
      const entry = this.article.entryAt(field, position);
      return entry >= 0 && matcher.entries.includes(entry);
    }
    return this.article.wordAt(field, position)?.startsWith(matcher.prefix) === true;
  }

  private positionsOf(matcher: WordMatcher): readonly number[] {
    if (matcher.kind === 'prefix') return this.article.codesOfPrefix(matcher.id);
    if (matcher.entries.length === 1) return this.article.codesOfEntry(matcher.entries[0] as number);
    const codes: number[] = [];
    for (const e of matcher.entries) codes.push(...this.article.codesOfEntry(e));
    return codes;
  }

  private placeHits(plan: PositionalPlan & { kind: 'place' }): Hit[] {
    const hits: Hit[] = [];
    for (let field = 0; field < FIELDS.length; field++) {
      if ((plan.fields & (1 << field)) === 0) continue;
      for (const m of this.mentions(plan.resolver, field)) {
        if (plan.place.accepts(m)) hits.push({ field, start: m.start, end: m.end, label: plan.label });
      }
    }
    return hits;
  }

  /** Place mentions of one field, found once per article and gazetteer. */
  private mentions(resolver: PlaceResolver, field: number): readonly PlaceMention[] {
    let byField = this.mentionCache.get(resolver);
    if (byField === undefined) this.mentionCache.set(resolver, (byField = []));
    let found = byField[field];
    if (found === undefined) {
      found = resolver.findMentions(this.article.wordsOf(field), this.article.texts[FIELDS[field] as Field]);
      byField[field] = found;
    }
    return found;
  }

  /** NEAR/ONEAR: with `any`, stops at the first pair; else returns every hit that is part of a pair. */
  private nearHits(plan: Plan & { kind: 'near' }, any: boolean): Hit[] {
    const left = this.hits(plan.left);
    const right = this.hits(plan.right);
    if (left.length === 0 || right.length === 0) return [];
    const out: Hit[] = [];
    const longestLeft = longestHit(left);
    const longestRight = longestHit(right);
    for (const a of left) {
      if (hasPartner(a, right, longestRight, plan.distance, plan.ordered ? 'after' : 'either')) {
        out.push(a);
        if (any) return out;
      }
    }
    if (out.length === 0) return out;
    for (const b of right) if (hasPartner(b, left, longestLeft, plan.distance, plan.ordered ? 'before' : 'either')) out.push(b);
    return out;
  }
}

/** Is there a hit in `others` (sorted) in a's field, not overlapping a, at most `distance` words away? */
function hasPartner(a: Hit, others: readonly Hit[], longest: number, distance: number, side: 'after' | 'before' | 'either'): boolean {
  const from = lowerBound(others, a.field, a.start - distance - longest);
  for (let i = from; i < others.length; i++) {
    const o = others[i] as Hit;
    if (o.field !== a.field || o.start > a.end + distance) break;
    const after = o.start >= a.end && o.start - a.end <= distance;
    const before = o.end <= a.start && a.start - o.end <= distance;
    if ((side !== 'before' && after) || (side !== 'after' && before)) return true;
  }
  return false;
}

function longestHit(hits: readonly Hit[]): number {
  let longest = 0;
  for (const h of hits) longest = Math.max(longest, h.end - h.start);
  return longest;
}

function lowerBound(hits: readonly Hit[], field: number, start: number): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const h = hits[mid] as Hit;
    if (h.field < field || (h.field === field && h.start < start)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sortHits(hits: Hit[]): Hit[] {
  return hits.length > 1 ? hits.sort((a, b) => a.field - b.field || a.start - b.start || a.end - b.end) : hits;
}
