// Compiles a parsed query into a Plan (query-plan.ts): inflected forms are expanded here, once,
// so that matching an article only tokenises and looks words up (spec/rules.md, "Terms").
import { wordForms } from '../text/word-forms.ts';
import type { QueryNode, WordPattern } from './query-ast.ts';
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
      const slot = options.table.slot(`${key}\u0000${node.label}`);
      return { kind: 'term', key, slot, label: node.label, matchers, fields, ...span };
    }
    case 'place':
      return compilePlace(node, fields, options);
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map((c) => compileNode(c, fields, options)), ...span };
    case 'not':
      return { kind: 'not', child: compileNode(node.child, fields, options), ...span };
    case 'near':
      return {
        kind: 'near',
        left: compileNode(node.left, fields, options),
        right: compileNode(node.right, fields, options),
        distance: node.distance,
        ordered: node.ordered,
        ...span,
      };
    case 'scope':
      // The scope's own span (with "title:") is what an explanation shows for it.
      return { ...compileNode(node.child, 1 << FIELDS.indexOf(node.field), options), ...span };
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
  const key = `${fields}|${place.key}`;
  const slot = options.table.slot(`${key}\u0000${node.label}`);
  return { kind: 'place', key, slot, label: node.label, place, resolver, fields, start: node.start, end: node.end };
}
