// A slow, plain evaluator of a query tree, written straight from docs/rules.md, that the compiled
// engine is checked against (rule-engine-properties.test.ts). No index, no caching, no cleverness.
import type { Article, Field, MatchedTerm } from '../../src/domain/match.ts';
import type { QueryNode, WordPattern } from '../../src/rules/query-ast.ts';
import type { PlaceResolver } from '../../src/rules/query-plan.ts';
import { splitWords } from '../../src/text/words.ts';
import type { Word } from '../../src/text/words.ts';
import { wordForms } from '../../src/text/word-forms.ts';

const ALL_FIELDS: readonly Field[] = ['title', 'body', 'source', 'url'];
const DEFAULT_FIELDS: readonly Field[] = ['title', 'body'];

interface Occurrence {
  readonly field: Field;
  readonly start: number;
  readonly end: number;
  readonly term: string;
}

export interface ReferenceResult {
  readonly fired: boolean;
  readonly matched: readonly MatchedTerm[];
}

export function evaluateReference(ast: QueryNode, article: Article, places?: PlaceResolver): ReferenceResult {
  const words = new Map(ALL_FIELDS.map((f) => [f, splitWords(article[f])] as const));
  const ctx: Context = { article, words, places };
  if (!holds(ast, DEFAULT_FIELDS, ctx)) return { fired: false, matched: [] };
  const found: Occurrence[] = [];
  gather(ast, DEFAULT_FIELDS, ctx, found);
  const unique = new Map(found.map((o) => [`${o.field}|${o.start}|${o.end}|${o.term}`, o]));
  const matched = [...unique.values()]
    .sort((a, b) => ALL_FIELDS.indexOf(a.field) - ALL_FIELDS.indexOf(b.field) || a.start - b.start || a.end - b.end || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, 100)
    .map(({ term, field, start, end }) => ({ term, field, start, end }));
  return { fired: true, matched };
}

interface Context {
  readonly article: Article;
  readonly words: ReadonlyMap<Field, readonly Word[]>;
  readonly places: PlaceResolver | undefined;
}

function holds(node: QueryNode, fields: readonly Field[], ctx: Context): boolean {
  switch (node.kind) {
    case 'term':
    case 'place':
      return occurrences(node, fields, ctx).length > 0;
    case 'and':
      return node.children.every((c) => holds(c, fields, ctx));
    case 'or':
      return node.children.some((c) => holds(c, fields, ctx));
    case 'not':
      return !holds(node.child, fields, ctx);
    case 'scope':
      return holds(node.child, [node.field], ctx);
    case 'near':
      return nearPairs(node, fields, ctx).length > 0;
  }
}

/** Every occurrence of a positive term inside the parts that hold. */
function gather(node: QueryNode, fields: readonly Field[], ctx: Context, out: Occurrence[]): void {
  switch (node.kind) {
    case 'term':
    case 'place':
      out.push(...occurrences(node, fields, ctx));
      return;
    case 'and':
      for (const c of node.children) gather(c, fields, ctx, out);
      return;
    case 'or':
      for (const c of node.children) if (holds(c, fields, ctx)) gather(c, fields, ctx, out);
      return;
    case 'not':
      return;
    case 'scope':
      gather(node.child, [node.field], ctx, out);
      return;
    case 'near':
      for (const [a, b] of nearPairs(node, fields, ctx)) out.push(a, b);
      return;
  }
}

/** All pairs (left occurrence, right occurrence) in one field, not overlapping, close enough. */
function nearPairs(node: QueryNode & { kind: 'near' }, fields: readonly Field[], ctx: Context): [Occurrence, Occurrence][] {
  const pairs: [Occurrence, Occurrence][] = [];
  for (const a of occurrences(node.left, fields, ctx)) {
    for (const b of occurrences(node.right, fields, ctx)) {
      if (a.field !== b.field) continue;
      const bAfterA = b.start >= a.end && b.start - a.end <= node.distance;
      const bBeforeA = a.start >= b.end && a.start - b.end <= node.distance;
      if (bAfterA || (!node.ordered && bBeforeA)) pairs.push([a, b]);
    }
  }
  return pairs;
}

/** Where a term, phrase, place, OR group of them, or scoped one occurs: checked at every position. */
function occurrences(node: QueryNode, fields: readonly Field[], ctx: Context): Occurrence[] {
  if (node.kind === 'scope') return occurrences(node.child, [node.field], ctx);
  if (node.kind === 'or') return node.children.flatMap((c) => occurrences(c, fields, ctx));
  if (node.kind === 'place') return placeOccurrences(node, fields, ctx);
  if (node.kind !== 'term') return [];
  const out: Occurrence[] = [];
  for (const field of fields) {
    const words = ctx.words.get(field) ?? [];
    for (let i = 0; i + node.words.length <= words.length; i++) {
      if (node.words.every((p, k) => wordMatches(p, (words[i + k] as Word).text))) {
        out.push({ field, start: i, end: i + node.words.length, term: node.label });
      }
    }
  }
  return out;
}

function wordMatches(pattern: WordPattern, word: string): boolean {
  if (pattern.kind === 'prefix') return word.startsWith(pattern.text);
  if (pattern.exact || pattern.acronym) return word === pattern.text;
  return wordForms(pattern.text).includes(word);
}

function placeOccurrences(node: QueryNode & { kind: 'place' }, fields: readonly Field[], ctx: Context): Occurrence[] {
  const place = ctx.places?.resolve(node.name);
  if (ctx.places === undefined || place === null || place === undefined) return [];
  const out: Occurrence[] = [];
  for (const field of fields) {
    for (const m of ctx.places.findMentions(ctx.words.get(field) ?? [], ctx.article[field])) {
      if (place.accepts(m)) out.push({ field, start: m.start, end: m.end, term: node.label });
    }
  }
  return out;
}
