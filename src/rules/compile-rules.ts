// Compiles a rule file into one matcher (docs/rules.md): every rule parsed once, indexed under
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
import { compilePrograms, runProgram } from './rule-program.ts';
import type { Programs } from './rule-program.ts';
import { GUESSED_COSTS, matcherCost } from './rule-trigger.ts';
import { residualOf } from './required-words.ts';
import type { WordCosts } from './rule-trigger.ts';
import { RuleSyntaxError } from './rule-syntax-error.ts';
import { TermTable } from './term-table.ts';
import { FILING, indexTriggers } from './trigger-index.ts';
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
  private readonly plans: readonly Plan[];
  /** What is left of each rule to test once its required words are there (required-words.ts). */
  private readonly residuals: readonly (Plan | null)[];
  private programs: Programs;
  private triggers: Triggers;
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
    this.plans = rules.map((r) => r.plan);
    this.residuals = this.plans.map(residualOf);
    [this.programs, this.triggers] = this.indexRules(GUESSED_COSTS);
  }

  /** Compiles each rule's program (required words rarest first) and files it under its rarest required words. */
  private indexRules(costs: WordCosts): [Programs, Triggers] {
    const programs = compilePrograms(this.plans, this.residuals, (m) => matcherCost(m, costs));
    return [programs, indexTriggers(this.plans, this.table, costs, programs)];
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
    [this.programs, this.triggers] = this.indexRules({ word: rarity, prefix: GUESSED_COSTS.prefix });
  }

  match(article: Article): RuleMatch[] {
    this.measureRarity();
    const index = new ArticleIndex(article, this.indexScratch);
    const evaluator = new PlanEvaluator(index, this.hitPool);
    const { metEntries, metEntryCount, prefixHits } = this.indexScratch;
    const { words, prefixes, always } = this.triggers;
    // The programs filed under the article's words and prefixes, and those filed under none.
    const fired: number[] = [];
    for (let i = 0; i < metEntryCount; i++) {
      const e = metEntries[i] as number;
      this.run(words.list, words.start[e] as number, words.start[e + 1] as number, evaluator, fired);
    }
    for (let i = 0; i < prefixHits.metCount; i++) {
      const p = prefixHits.met[i] as number;
      this.run(prefixes.list, prefixes.start[p] as number, prefixes.start[p + 1] as number, evaluator, fired);
    }
    this.run(always, 0, always.length, evaluator, fired);
    if (fired.length === 0) return [];
    fired.sort((a, b) => a - b); // definition order
    return fired.map((r) => {
      const rule = this.rules[r] as CompiledRule;
      const hits: Hit[] = [];
      evaluator.collect(rule.plan, hits);
      return { ruleId: rule.id, matched: toMatchedTerms(hits) };
    });
  }

  /** Runs the programs filed in list[from, to) (trigger-index.ts); adds the rules that fire to `fired`. */
  private run(list: Int32Array, from: number, to: number, evaluator: PlanEvaluator, fired: number[]): void {
    const generation = evaluator.article.generation;
    for (let i = from; i < to; i += FILING) {
      const matcher = list[i + 1] as number;
      if (matcher >= 0 && !evaluator.present(matcher, list[i + 2] as number)) continue;
      const rule = runProgram(this.programs, list[i] as number, generation, evaluator);
      if (rule >= 0) fired.push(rule);
    }
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
