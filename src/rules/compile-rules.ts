// Compiles a rule file into one matcher (spec/rules.md): every rule parsed once, indexed under
// its rarest required words, so an article only evaluates the rules whose words it contains.
import type { Article, MatchedTerm, RuleDefinition, RuleMatch } from '../domain/match.ts';
import { ArticleIndex, IndexScratch } from './article-index.ts';
import { HitPool } from './hit-pool.ts';
import { compileQuery } from './compile-query.ts';
import type { CompileQueryOptions } from './compile-query.ts';
import { PlanEvaluator } from './evaluate-plan.ts';
import type { Hit } from './evaluate-plan.ts';
import { parseQuery } from './parse-query.ts';
import { FIELDS } from './query-plan.ts';
import type { PlaceResolver, Plan } from './query-plan.ts';
import { defaultPlaces } from './gazetteer-places.ts';
import { packRequiredWords } from './required-words.ts';
import type { RequiredWords } from './required-words.ts';
import { GUESSED_COSTS, matcherCost } from './rule-trigger.ts';
import type { WordCosts } from './rule-trigger.ts';
import { RuleSyntaxError } from './rule-syntax-error.ts';
import { TermTable } from './term-table.ts';
import { indexTriggers } from './trigger-index.ts';
import type { Triggers } from './trigger-index.ts';

export type CompileOptions = CompileQueryOptions;

/** place: uses src/geo's gazetteer unless the caller gives another. */
const DEFAULT_OPTIONS: CompileOptions = { places: defaultPlaces };

export type CompileResult =
  | { readonly kind: 'ok'; readonly rules: CompiledRules }
  | { readonly kind: 'invalid'; readonly errors: readonly RuleSyntaxError[] };

export interface CompiledRules {
  readonly size: number;
  /** The rules that fire on an article, in definition order. */
  match(article: Article): RuleMatch[];
}

/** Articles seen before the rules are indexed again by measured word rarity (then 10×, 100×…). */
const REINDEX_AFTER = 1_000;

/** At most this many matched terms are reported per rule and article. */
export const MAX_MATCHED_TERMS = 100;

/** A query compiled on its own, with the table its matchers live in (for explain-rule.ts). */
export type CompiledQuery = { kind: 'ok'; plan: Plan; table: TermTable } | { kind: 'invalid'; error: RuleSyntaxError };

/** Compiles a single query (for `rules test`); the error carries no rule id. */
export function compileOne(query: string, options: CompileOptions = DEFAULT_OPTIONS, table = new TermTable()): CompiledQuery {
  const parsed = parseQuery(query);
  if (parsed.kind === 'invalid') return parsed;
  try {
    return { kind: 'ok', plan: compileQuery(parsed.ast, table, options), table };
  } catch (error) {
    if (error instanceof RuleSyntaxError) return { kind: 'invalid', error };
    throw new Error('rules/compile-rules: unexpected failure', { cause: error });
  }
}

export function compileRules(defs: readonly RuleDefinition[], options: CompileOptions = DEFAULT_OPTIONS): CompileResult {
  // One resolver for the whole set, so that an article's place mentions are found once.
  const places = options.places;
  let resolver: PlaceResolver | undefined;
  const shared: CompileOptions = places === undefined ? options : { ...options, places: () => (resolver ??= places()) };
  const table = new TermTable();
  const errors: RuleSyntaxError[] = [];
  const rules: CompiledRule[] = [];
  const seen = new Set<string>();
  for (const def of defs) {
    if (seen.has(def.id)) {
      errors.push(new RuleSyntaxError({ ruleId: def.id, column: 1, token: def.query, hint: 'another rule has the same id' }));
      continue;
    }
    seen.add(def.id);
    const compiled = compileOne(def.query, shared, table);
    if (compiled.kind === 'invalid') errors.push(compiled.error.withRuleId(def.id));
    else rules.push({ id: def.id, plan: compiled.plan });
  }
  if (errors.length > 0) return { kind: 'invalid', errors };
  return { kind: 'ok', rules: new RuleSet(rules, table) };
}

interface CompiledRule {
  readonly id: string;
  readonly plan: Plan;
}

class RuleSet implements CompiledRules {
  readonly size: number;
  private readonly indexScratch: IndexScratch;
  private readonly hitPool: HitPool;
  private readonly ruleSeen: Int32Array;
  private readonly candidates: Int32Array;
  private triggers: Triggers;
  private required: RequiredWords;
  private generation = 0;
  private articles = 0;
  private reindexAt = REINDEX_AFTER;

  constructor(
    private readonly rules: readonly CompiledRule[],
    private readonly table: TermTable,
  ) {
    this.size = rules.length;
    // The table's words are all known now (compileQuery registered every possible index word).
    this.indexScratch = new IndexScratch(table);
    this.hitPool = new HitPool(table.slots);
    this.ruleSeen = new Int32Array(rules.length);
    this.candidates = new Int32Array(rules.length);
    [this.triggers, this.required] = this.indexRules(GUESSED_COSTS);
  }

  /** Indexes every rule under its rarest required words, and packs each rule's required words. */
  private indexRules(costs: WordCosts): [Triggers, RequiredWords] {
    const plans = this.rules.map((r) => r.plan);
    return [indexTriggers(plans, this.table, costs), packRequiredWords(plans, (m) => matcherCost(m, costs))];
  }

  /**
   * After REINDEX_AFTER articles (and 10×, 100× that), the rules are indexed again under the words
   * that were actually rarest in the articles seen: the matches are the same, the work less.
   */
  private measureRarity(): void {
    if (++this.articles !== this.reindexAt) return;
    this.reindexAt *= 10;
    const articles = this.articles;
    const rarity = (word: string): number => {
      const entry = this.table.byWord.get(word);
      const count = entry === undefined ? 0 : this.indexScratch.articlesWith(entry.id);
      return (count + 0.5) / articles;
    };
    [this.triggers, this.required] = this.indexRules({ word: rarity, prefix: GUESSED_COSTS.prefix });
  }

  /**
   * Puts in `candidates` the rules indexed under the scanned article's words and prefixes (and the
   * rules indexed under none) that have all their required words; returns how many.
   */
  private wakeRules(index: ArticleIndex): number {
    const { metEntries, metEntryCount, metPrefixes, metPrefixCount } = this.indexScratch;
    const { words, prefixes, always } = this.triggers;
    let count = 0;
    const generation = ++this.generation;
    for (let i = 0; i < metEntryCount; i++) {
      const e = metEntries[i] as number;
      count = this.wake(index, words.list, words.start[e] as number, words.start[e + 1] as number, generation, count);
    }
    for (let i = 0; i < metPrefixCount; i++) {
      const p = metPrefixes[i] as number;
      count = this.wake(index, prefixes.list, prefixes.start[p] as number, prefixes.start[p + 1] as number, generation, count);
    }
    return this.wake(index, always, 0, always.length, generation, count);
  }

  private wake(index: ArticleIndex, rules: Int32Array, from: number, to: number, generation: number, count: number): number {
    const { ruleSeen, candidates } = this;
    const { starts, matchers, fields } = this.required;
    next: for (let i = from; i < to; i++) {
      const r = rules[i] as number;
      if (ruleSeen[r] === generation) continue;
      ruleSeen[r] = generation;
      for (let k = starts[r] as number, end = starts[r + 1] as number; k < end; k++) {
        if (!index.present(matchers[k] as number, fields[k] as number)) continue next;
      }
      candidates[count++] = r;
    }
    return count;
  }

  match(article: Article): RuleMatch[] {
    this.measureRarity();
    const index = new ArticleIndex(article, this.indexScratch);
    const count = this.wakeRules(index);
    if (count === 0) return [];
    const candidates = this.candidates;
    const evaluator = new PlanEvaluator(index, this.hitPool);
    const fired: number[] = [];
    const residual = this.required.residual;
    for (let i = 0; i < count; i++) {
      const r = candidates[i] as number;
      const rest = residual[r] as Plan | null;
      if (rest === null || evaluator.test(rest)) fired.push(r);
    }
    fired.sort((a, b) => a - b); // definition order
    return fired.map((r) => {
      const rule = this.rules[r] as CompiledRule;
      const hits: Hit[] = [];
      evaluator.collect(rule.plan, hits);
      return { ruleId: rule.id, matched: toMatchedTerms(hits) };
    });
  }
}

/** Hits as the domain reports them: one per term and place, by field then position, capped. */
export function toMatchedTerms(hits: Hit[]): MatchedTerm[] {
  hits.sort((a, b) => a.field - b.field || a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const out: MatchedTerm[] = [];
  let last: Hit | undefined;
  for (const h of hits) {
    if (last !== undefined && h.field === last.field && h.start === last.start && h.end === last.end && h.label === last.label) continue;
    last = h;
    out.push({ term: h.label, field: FIELDS[h.field] as MatchedTerm['field'], start: h.start, end: h.end });
    if (out.length === MAX_MATCHED_TERMS) break;
  }
  return out;
}
