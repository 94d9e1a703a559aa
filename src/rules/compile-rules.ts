// Compiles a rule file into one matcher (spec/rules.md): every rule parsed once, indexed under
// its rarest required words, so an article only evaluates the rules whose words it contains.
import type { Article, MatchedTerm, RuleDefinition, RuleMatch } from '../domain/match.ts';
import { ArticleIndex } from './article-index.ts';
import { compileQuery } from './compile-query.ts';
import type { CompileQueryOptions } from './compile-query.ts';
import { PlanEvaluator } from './evaluate-plan.ts';
import type { Hit } from './evaluate-plan.ts';
import { parseQuery } from './parse-query.ts';
import { FIELDS } from './query-plan.ts';
import type { PlaceResolver, Plan } from './query-plan.ts';
import { defaultPlaces } from './gazetteer-places.ts';
import { findTrigger } from './rule-trigger.ts';
import { RuleSyntaxError } from './rule-syntax-error.ts';

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

/** At most this many matched terms are reported per rule and article. */
export const MAX_MATCHED_TERMS = 100;
const PREFIX_KEY_LENGTH = 3;

/** Compiles a single query (for `rules test`); the error carries no rule id. */
export function compileOne(query: string, options: CompileOptions = DEFAULT_OPTIONS): { kind: 'ok'; plan: Plan } | { kind: 'invalid'; error: RuleSyntaxError } {
  const parsed = parseQuery(query);
  if (parsed.kind === 'invalid') return parsed;
  try {
    return { kind: 'ok', plan: compileQuery(parsed.ast, options) };
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
  const errors: RuleSyntaxError[] = [];
  const plans: { id: string; plan: Plan }[] = [];
  const seen = new Set<string>();
  for (const def of defs) {
    if (seen.has(def.id)) {
      errors.push(new RuleSyntaxError({ ruleId: def.id, column: 1, token: def.query, hint: 'another rule has the same id' }));
      continue;
    }
    seen.add(def.id);
    const compiled = compileOne(def.query, shared);
    if (compiled.kind === 'invalid') errors.push(compiled.error.withRuleId(def.id));
    else plans.push({ id: def.id, plan: compiled.plan });
  }
  if (errors.length > 0) return { kind: 'invalid', errors };
  return { kind: 'ok', rules: new RuleSet(plans) };
}

class RuleSet implements CompiledRules {
  readonly size: number;
  private readonly byWord = new Map<string, number[]>();
  private readonly byPrefixKey = new Map<string, { prefix: string; rules: number[] }[]>();
  private readonly always: number[] = [];
  private readonly seenAt: Int32Array;
  private generation = 0;

  constructor(private readonly rules: readonly { readonly id: string; readonly plan: Plan }[]) {
    this.size = rules.length;
    this.seenAt = new Int32Array(rules.length);
    rules.forEach((rule, index) => this.indexRule(rule.plan, index));
  }

  match(article: Article): RuleMatch[] {
    const index = new ArticleIndex(article);
    const evaluator = new PlanEvaluator(index);
    const matches: RuleMatch[] = [];
    for (const r of this.candidates(index)) {
      const rule = this.rules[r] as { readonly id: string; readonly plan: Plan };
      if (!evaluator.test(rule.plan)) continue;
      const hits: Hit[] = [];
      evaluator.collect(rule.plan, hits);
      matches.push({ ruleId: rule.id, matched: toMatchedTerms(hits) });
    }
    return matches;
  }

  private indexRule(plan: Plan, rule: number): void {
    const trigger = findTrigger(plan);
    if (trigger === null) {
      this.always.push(rule);
      return;
    }
    for (const word of new Set(trigger.words)) addTo(this.byWord, word, rule);
    for (const prefix of new Set(trigger.prefixes)) {
      const key = prefix.slice(0, PREFIX_KEY_LENGTH);
      let entries = this.byPrefixKey.get(key);
      if (entries === undefined) this.byPrefixKey.set(key, (entries = []));
      const entry = entries.find((e) => e.prefix === prefix);
      if (entry === undefined) entries.push({ prefix, rules: [rule] });
      else entry.rules.push(rule);
    }
  }

  /** Rules indexed under a word (or prefix) of the article, plus the always-evaluated ones; ascending. */
  private candidates(index: ArticleIndex): number[] {
    const generation = ++this.generation;
    const found: number[] = [];
    const mark = (rules: readonly number[]): void => {
      for (const r of rules) {
        if (this.seenAt[r] === generation) continue;
        this.seenAt[r] = generation;
        found.push(r);
      }
    };
    mark(this.always);
    for (const word of index.positions.keys()) {
      const direct = this.byWord.get(word);
      if (direct !== undefined) mark(direct);
      if (this.byPrefixKey.size === 0 || word.length < PREFIX_KEY_LENGTH) continue;
      const entries = this.byPrefixKey.get(word.slice(0, PREFIX_KEY_LENGTH));
      if (entries !== undefined) for (const e of entries) if (word.startsWith(e.prefix)) mark(e.rules);
    }
    return found.sort((a, b) => a - b);
  }
}

function addTo(map: Map<string, number[]>, key: string, rule: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [rule]);
  else list.push(rule);
}

/** Hits as the domain reports them: one per term and place, by field then position, capped. */
export function toMatchedTerms(hits: readonly Hit[]): MatchedTerm[] {
  const unique = new Map<string, Hit>();
  for (const h of hits) unique.set(`${h.field}:${h.start}:${h.end}:${h.label}`, h);
  return [...unique.values()]
    .sort((a, b) => a.field - b.field || a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, MAX_MATCHED_TERMS)
    .map((h) => ({ term: h.label, field: FIELDS[h.field] as MatchedTerm['field'], start: h.start, end: h.end }));
}
