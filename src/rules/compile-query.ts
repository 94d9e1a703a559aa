// Compiles a parsed query into a Plan (query-plan.ts): inflected forms are expanded here, once,
// so that matching an article only tokenises and looks words up (docs/rules.md, "Terms").
import { wordForms } from '../text/word-forms.ts';
import type { QueryNode, Span, WordPattern } from './query-ast.ts';
import { DEFAULT_FIELDS, FIELDS } from './query-plan.ts';
import type { FieldMask, Plan, PlaceResolver, WordMatcher } from './query-plan.ts';
import type { TermTable } from './term-table.ts';
import { RuleSyntaxError } from './rule-syntax-error.ts';

export interface CompileQueryOptions {
  /**
   * The gazetteer for place:, asked for only when a query uses place: (loading one takes a
   * while). compileRules defaults to src/geo's gazetteer; without one, place: is rejected.
   */
  readonly places?: () => PlaceResolver;
}

/**
 * Word matchers and result slots are registered in `table`, shared by a rule set.
 * Throws RuleSyntaxError (caught by callers) for a place the gazetteer does not know.
 */
export function compileQuery(ast: QueryNode, table: TermTable, options: CompileQueryOptions = {}): Plan {
  return compileNode(ast, DEFAULT_FIELDS, { ...options, table });
}

type Context = CompileQueryOptions & { readonly table: TermTable };

function compileNode(node: QueryNode, fields: FieldMask, options: Context): Plan {
  const span = { start: node.start, end: node.end };
  switch (node.kind) {
    case 'term': {
      const matchers = node.words.map((w) => toMatcher(w, options.table));
      const key = `${fields}|${matchers.map((m) => m.id).join(' ')}`;
      const slot = options.table.slot(`${key}\u0000${node.label}`, { fields, matchers });
      return uniform({ kind: 'term', key, slot, label: node.label, matchers, fields, ...span });
    }
    case 'place':
      return compilePlace(node, fields, options);
    case 'and':
    case 'or':
      return group(
        node.kind,
        node.children.map((c) => compileNode(c, fields, options)),
        span,
      );
    case 'not':
      return uniform({ kind: 'not', child: compileNode(node.child, fields, options), ...span });
    case 'near':
      return uniform({
        kind: 'near',
        left: compileNode(node.left, fields, options),
        right: compileNode(node.right, fields, options),
        distance: node.distance,
        ordered: node.ordered,
        ...span,
      });
    case 'scope':
      // The scope's own span (with "title:") is what an explanation shows for it.
      return uniform({ ...compileNode(node.child, 1 << FIELDS.indexOf(node.field), options), ...span });
  }
}

/** An AND or OR of compiled plans, its children also listed cheapest first. */
export function group(kind: 'and' | 'or', children: readonly Plan[], span: Span): Plan {
  const order = [...children].sort((a, b) => testCost(a) - testCost(b));
  return uniform({ kind, children, order, ...span });
}

/**
 * Every plan node gets every property, in one order, so V8 gives them all one hidden class and
 * the evaluator's property reads stay monomorphic (measurably faster with thousands of rules).
 */
function uniform<P extends Plan>(plan: P): P {
  const p = plan as unknown as Readonly<Record<string, unknown>>;
  const all = {
    kind: p['kind'], start: p['start'], end: p['end'], key: p['key'], slot: p['slot'], label: p['label'], matchers: p['matchers'],
    fields: p['fields'], place: p['place'], resolver: p['resolver'], children: p['children'], order: p['order'], child: p['child'],
    left: p['left'], right: p['right'], distance: p['distance'], ordered: p['ordered'],
  };
  return all as unknown as P;
}

/** A rough cost of testing a plan on an article, to test cheap parts of AND/OR first. */
function testCost(plan: Plan): number {
  switch (plan.kind) {
    case 'term':
      return plan.matchers.length === 1 ? 1 : 10;
    case 'place':
      return 50;
    case 'and':
    case 'or':
      return plan.children.reduce((sum, c) => sum + testCost(c), 0);
    case 'not':
      return testCost(plan.child);
    case 'near':
      return 20 + testCost(plan.left) + testCost(plan.right);
  }
}

function toMatcher(word: WordPattern, table: TermTable): WordMatcher {
  if (word.kind === 'prefix') return table.prefixMatcher(word.text);
  return table.formsMatcher(word.exact || word.acronym ? [word.text] : wordForms(word.text));
}

function compilePlace(node: QueryNode & { kind: 'place' }, fields: FieldMask, options: Context): Plan {
  const resolver = options.places?.();
  const place = resolver?.resolve(node.name) ?? null;
  if (resolver === undefined || place === null) {
    const hint = resolver === undefined ? 'place: is not available: no gazetteer was given' : `unknown place "${node.name}": use a country, region or city name`;
    throw new RuleSyntaxError({ ruleId: null, column: node.start + 1, token: node.label, hint });
  }
  // Every word the rule may be indexed under needs an entry before the rule set builds its hash.
  for (const word of place.firstWords) options.table.wordEntry(word);
  const key = `${fields}|${place.key}`;
  const slot = options.table.slot(`${key}\u0000${node.label}`);
  return uniform({ kind: 'place', key, slot, label: node.label, place, resolver, fields, start: node.start, end: node.end });
}
