// Evaluates compiled plans on one indexed article: whether a plan holds, and which words made it
// hold (docs/rules.md, "Operators", "Explanation"). ArticleIndex has already looked the article's
// words up in the rule set's TermTable, so a single-word term is a check of two array cells; the
// positions of phrases and places are kept in a typed pool per article (hit-pool.ts), so testing
// a rule allocates nothing. Hit objects are made only to report a rule that fired.
import type { ArticleIndex } from './article-index.ts';
import type { HitPool } from './hit-pool.ts';
import { fieldOf, FIELD_SHIFT, positionOf } from './position-code.ts';
import { FIELDS } from './query-plan.ts';
import type { PlaceMention, PlaceResolver, Plan, WordMatcher } from './query-plan.ts';
import type { Leaf, Near, ProgramHost } from './rule-program.ts';

/** A run of words in one field (FIELDS index) that a term matched; end exclusive. */
export interface Hit {
  readonly field: number;
  readonly start: number;
  readonly end: number;
  /** The term as written in the query. */
  readonly label: string;
}

/** Where a NEAR partner may be: after the hit (ONEAR's right side), before it, or either. */
type Side = 'after' | 'before' | 'either';

export class PlanEvaluator implements ProgramHost {
  private mentionCache: Map<PlaceResolver, (readonly PlaceMention[])[]> | undefined;

  constructor(
    readonly article: ArticleIndex,
    private readonly pool: HitPool,
  ) {
    pool.reset(article.generation);
  }

  /** Whether a word matcher matched in one of `fields` (bit mask). */
  present(matcher: number, fields: number): boolean {
    return this.article.present(matcher, fields);
  }

  /** Whether a phrase or place occurs. */
  occurs(leaf: Leaf): boolean {
    return this.pool.count(this.fill(leaf)) > 0;
  }

  /** Whether the term (a phrase) of a slot occurs. */
  occursTerm(slot: number): boolean {
    return this.pool.count(this.fillTerm(slot)) > 0;
  }

  test(plan: Plan): boolean {
    switch (plan.kind) {
      case 'term':
        // A phrase's hits are found only when all its words are present (termHits).
        return plan.matchers.length === 1 ? this.present((plan.matchers[0] as WordMatcher).id, plan.fields) : this.occursTerm(plan.slot);
      case 'place':
        return this.pool.count(this.fill(plan)) > 0;
      case 'and': {
        const order = plan.order;
        for (let i = 0; i < order.length; i++) if (!this.test(order[i] as Plan)) return false;
        return true;
      }
      case 'or': {
        const order = plan.order;
        for (let i = 0; i < order.length; i++) if (this.test(order[i] as Plan)) return true;
        return false;
      }
      case 'not':
        return !this.test(plan.child);
      case 'near':
        return this.test(plan.left) && this.test(plan.right) && this.anyNear(plan.left, plan);
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
        this.nearHits(plan.left, plan, 'left', out);
        this.nearHits(plan.right, plan, 'right', out);
        return;
    }
  }

  /** Where a term, place or OR group of them occurs. */
  hits(plan: Plan): readonly Hit[] {
    if (plan.kind === 'or') return plan.children.flatMap((c) => this.hits(c));
    if (plan.kind !== 'term' && plan.kind !== 'place') return [];
    const slot = this.fill(plan);
    const out: Hit[] = [];
    for (let i = this.pool.from(slot), end = i + this.pool.count(slot); i < end; i++) {
      const code = this.pool.codes[i] as number;
      out.push({ field: fieldOf(code), start: positionOf(code), end: this.pool.ends[i] as number, label: plan.label });
    }
    return out;
  }

  /** Fills the pool with a term's or place's hits (once per article and slot); returns the slot. */
  private fill(plan: Leaf): number {
    if (plan.kind === 'term') return this.fillTerm(plan.slot);
    const pool = this.pool;
    if (pool.has(plan.slot)) return plan.slot;
    pool.open(plan.slot);
    this.placeHits(plan);
    pool.close(plan.slot);
    return plan.slot;
  }

  /** Fills a term's slot with its hits (once per article); returns the slot. */
  private fillTerm(slot: number): number {
    const pool = this.pool;
    if (pool.has(slot)) return slot;
    pool.open(slot);
    this.termHits(slot);
    pool.close(slot);
    return slot;
  }

  /** The hits of the term whose slot is `slot`: its fields and word matchers are in slotTerms. */
  private termHits(slot: number): void {
    const article = this.article;
    const { start, list } = article.scratch.slotTerms;
    const at = start[slot] as number;
    const fields = list[at] as number;
    const words = (start[slot + 1] as number) - at - 1;
    for (let k = 1; k <= words; k++) if (!article.present(list[at + k] as number, fields)) return;
    const pool = this.pool;
    const first = pool.size;
    if (!article.addMatcherCodes(list[at + 1] as number, fields, pool)) pool.sortFrom(first);
    // Keep the positions where the following words match too (a phrase), in place.
    let kept = first;
    next: for (let i = first; i < pool.size; i++) {
      const code = pool.codes[i] as number;
      const field = fieldOf(code);
      const position = positionOf(code);
      for (let k = 1; k < words; k++) if (!article.matcherAt(list[at + 1 + k] as number, field, position + k)) continue next;
      pool.codes[kept] = code;
      pool.ends[kept++] = position + words;
    }
    pool.size = kept;
  }

  private placeHits(plan: Leaf & { kind: 'place' }): void {
    const first = this.pool.size;
    for (let field = 0; field < FIELDS.length; field++) {
      if ((plan.fields & (1 << field)) === 0) continue;
      for (const m of this.mentions(plan.resolver, field)) {
        if (plan.place.accepts(m)) this.pool.add((field << FIELD_SHIFT) | m.start, m.end);
      }
    }
    this.pool.sortFrom(first);
  }

  /** Place mentions of one field, found once per article and gazetteer. */
  private mentions(resolver: PlaceResolver, field: number): readonly PlaceMention[] {
    this.mentionCache ??= new Map();
    let byField = this.mentionCache.get(resolver);
    if (byField === undefined) this.mentionCache.set(resolver, (byField = []));
    let found = byField[field];
    if (found === undefined) {
      found = this.article.resolveMentions(resolver, field);
      byField[field] = found;
    }
    return found;
  }

  /** Whether some hit of `side` (the near's left operand, or an OR group under it) has a partner. */
  private anyNear(side: Plan, near: Near): boolean {
    if (side.kind === 'or') {
      for (const c of side.children) if (this.anyNear(c, near)) return true;
      return false;
    }
    if (side.kind !== 'term' && side.kind !== 'place') return false;
    const pool = this.pool;
    const slot = this.fill(side);
    for (let i = pool.from(slot), end = i + pool.count(slot); i < end; i++) {
      if (this.hasPartner(near.right, pool.codes[i] as number, pool.ends[i] as number, near, near.ordered ? 'after' : 'either')) return true;
    }
    return false;
  }

  /** Every hit of one operand of `near` that has a partner in the other, as Hit objects. */
  private nearHits(side: Plan, near: Near, which: 'left' | 'right', out: Hit[]): void {
    if (side.kind === 'or') {
      for (const c of side.children) this.nearHits(c, near, which, out);
      return;
    }
    if (side.kind !== 'term' && side.kind !== 'place') return;
    const other = which === 'left' ? near.right : near.left;
    const direction: Side = !near.ordered ? 'either' : which === 'left' ? 'after' : 'before';
    const pool = this.pool;
    const slot = this.fill(side);
    for (let i = pool.from(slot), end = i + pool.count(slot); i < end; i++) {
      const code = pool.codes[i] as number;
      const hitEnd = pool.ends[i] as number;
      if (this.hasPartner(other, code, hitEnd, near, direction)) out.push({ field: fieldOf(code), start: positionOf(code), end: hitEnd, label: side.label });
    }
  }

  /**
   * Is there a hit of `other` (a term, place or OR group) in the field of the hit (code, end), not
   * overlapping it, at most near.distance words away on the given side?
   */
  private hasPartner(other: Plan, code: number, end: number, near: Near, side: Side): boolean {
    if (other.kind === 'or') {
      for (const c of other.children) if (this.hasPartner(c, code, end, near, side)) return true;
      return false;
    }
    if (other.kind !== 'term' && other.kind !== 'place') return false;
    const slot = this.fill(other);
    const longest = other.kind === 'term' ? other.matchers.length : this.pool.longest(this.pool.from(slot), this.pool.count(slot));
    return this.partnerIn(slot, longest, code, end, near.distance, side);
  }

  /** NEAR/ONEAR over terms only, as rule-program.ts lays it out: distance, ordered, left count, left slots, right slots. */
  nearTerms(code: Int32Array, at: number, size: number): boolean {
    const distance = code[at] as number;
    const side: Side = code[at + 1] === 1 ? 'after' : 'either';
    const leftCount = code[at + 2] as number;
    const left = at + 3;
    const right = left + leftCount;
    const end = at + size;
    const pool = this.pool;
    for (let r = right; r < end; r++) this.fillTerm(code[r] as number);
    for (let l = left; l < right; l++) {
      const slot = this.fillTerm(code[l] as number);
      for (let i = pool.from(slot), last = i + pool.count(slot); i < last; i++) {
        for (let r = right; r < end; r++) {
          const other = code[r] as number;
          if (this.partnerIn(other, this.termLength(other), pool.codes[i] as number, pool.ends[i] as number, distance, side)) return true;
        }
      }
    }
    return false;
  }

  private termLength(slot: number): number {
    const start = this.article.scratch.slotTerms.start;
    return (start[slot + 1] as number) - (start[slot] as number) - 1;
  }

  /** Is there a hit in `slot` (spanning at most `longest` words) that partners the hit (code, end)? */
  private partnerIn(slot: number, longest: number, code: number, end: number, distance: number, side: Side): boolean {
    const pool = this.pool;
    const count = pool.count(slot);
    if (count === 0) return false;
    const field = fieldOf(code);
    const start = positionOf(code);
    const from = pool.from(slot);
    const lowest = (field << FIELD_SHIFT) | Math.max(0, start - distance - longest);
    for (let i = pool.lowerBound(from, count, lowest), last = from + count; i < last; i++) {
      const o = pool.codes[i] as number;
      const oStart = positionOf(o);
      if (fieldOf(o) !== field || oStart > end + distance) break;
      const oEnd = pool.ends[i] as number;
      const after = oStart >= end && oStart - end <= distance;
      const before = oEnd <= start && start - oEnd <= distance;
      if ((side !== 'before' && after) || (side !== 'after' && before)) return true;
    }
    return false;
  }
}
