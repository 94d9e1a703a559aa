// fast-check generators for the engine-vs-reference properties: random query trees over a small
// vocabulary of inflection families, rendered as query text, and random articles over the same words.
import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import type { Article, Field } from '../../src/domain/match.ts';
import type { QueryNode, WordPattern } from '../../src/rules/query-ast.ts';

export interface GenWord {
  readonly text: string;
  readonly mode: 'plain' | 'exact' | 'prefix';
  readonly letterCase: 'lower' | 'capital' | 'upper';
}

export type GenQuery =
  | { readonly k: 'term'; readonly word: GenWord }
  | { readonly k: 'phrase'; readonly words: readonly GenWord[]; readonly exactAll: boolean }
  | { readonly k: 'and'; readonly cs: readonly GenQuery[]; readonly explicit: boolean }
  | { readonly k: 'or'; readonly cs: readonly GenQuery[] }
  | { readonly k: 'not'; readonly c: GenQuery; readonly dash: boolean }
  | { readonly k: 'near'; readonly l: GenQuery; readonly r: GenQuery; readonly distance: number | null; readonly ordered: boolean }
  | { readonly k: 'scope'; readonly field: Field; readonly c: GenQuery };

const RULE_WORDS = ['attack', 'rocket', 'strike', 'struck', 'child', 'children', 'base', 'iraq', 'unit', 'united', 'drill', 'cafe', 'us', 'the'];
const PREFIXES = ['att', 'atta', 'attack', 'roc', 'str', 'chi', 'bas', 'uni', 'unit', 'caf'];
const TEXT_WORDS = [
  'attack', 'attacks', 'attacked', 'attacking', 'attacker', 'Attack', 'ATTACK', 'rocket', 'rockets', 'Rocket-attack',
  'strike', 'struck', 'strikes', 'child', 'children', 'base', 'bases', 'Iraq', "Iraq's", 'unit', 'units', 'united',
  'drill', 'café', 'cafe', 'the', 'a', 'U.S.', 'us', 'US', 'counterattack',
];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', ' - ', '\n'];
const FIELDS: readonly Field[] = ['title', 'body', 'source', 'url'];

const genWord: Arbitrary<GenWord> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ text: fc.constantFrom(...RULE_WORDS), mode: fc.constantFrom('plain', 'plain', 'exact') as Arbitrary<'plain' | 'exact'>, letterCase: fc.constantFrom('lower', 'lower', 'capital', 'upper') as Arbitrary<GenWord['letterCase']> }) },
  { weight: 1, arbitrary: fc.record({ text: fc.constantFrom(...PREFIXES), mode: fc.constant('prefix' as const), letterCase: fc.constant('lower' as const) }) },
);

const leaf: Arbitrary<GenQuery> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ k: fc.constant('term' as const), word: genWord }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('phrase' as const), words: fc.array(genWord, { minLength: 1, maxLength: 3 }), exactAll: fc.boolean() }) },
);

/** Terms, phrases and OR groups of them: what NEAR takes. */
const positional = (depth: number): Arbitrary<GenQuery> =>
  depth <= 0
    ? leaf
    : fc.oneof(
        { weight: 4, arbitrary: leaf },
        { weight: 1, arbitrary: fc.record({ k: fc.constant('or' as const), cs: fc.array(positional(depth - 1), { minLength: 2, maxLength: 3 }) }) },
      );

function query(depth: number, scoped: boolean): Arbitrary<GenQuery> {
  if (depth <= 0) return positional(0);
  const sub = (): Arbitrary<GenQuery> => query(depth - 1, scoped);
  const options: { weight: number; arbitrary: Arbitrary<GenQuery> }[] = [
    { weight: 3, arbitrary: positional(1) },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('and' as const), cs: fc.array(sub(), { minLength: 2, maxLength: 3 }), explicit: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('or' as const), cs: fc.array(sub(), { minLength: 2, maxLength: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('not' as const), c: sub(), dash: fc.boolean() }) },
    {
      weight: 2,
      arbitrary: fc.record({
        k: fc.constant('near' as const),
        l: positional(1),
        r: positional(1),
        distance: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
        ordered: fc.boolean(),
      }),
    },
  ];
  if (!scoped) {
    options.push({ weight: 1, arbitrary: fc.record({ k: fc.constant('scope' as const), field: fc.constantFrom(...FIELDS), c: query(depth - 1, true) }) });
  }
  return fc.oneof(...options);
}

export const genQuery: Arbitrary<GenQuery> = query(3, false);

export const genArticle: Arbitrary<Article> = fc
  .tuple(...FIELDS.map(() => fc.array(fc.tuple(fc.constantFrom(...TEXT_WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 12 })))
  .map((fields) => {
    const texts = fields.map((words) => words.map(([w, sep]) => w + sep).join(''));
    return { title: texts[0] ?? '', body: texts[1] ?? '', source: texts[2] ?? '', url: texts[3] ?? '' };
  });

/** The query as a user would type it. */
export function renderQuery(q: GenQuery): string {
  switch (q.k) {
    case 'term':
      return renderWord(q.word);
    case 'phrase':
      return `${q.exactAll ? '=' : ''}"${phraseBody(q)}"`;
    case 'and':
      return q.cs.map(grouped).join(q.explicit ? ' AND ' : ' ');
    case 'or':
      return q.cs.map(grouped).join(' OR ');
    case 'not': {
      const inner = q.c.k === 'near' || q.c.k === 'and' || q.c.k === 'or' ? `(${renderQuery(q.c)})` : renderQuery(q.c);
      return q.dash ? `-${inner}` : `NOT ${inner}`;
    }
    case 'near': {
      const op = `${q.ordered ? 'ONEAR' : 'NEAR'}${q.distance === null ? '' : `/${q.distance}`}`;
      return `${grouped(q.l)} ${q.ordered || q.distance !== null ? op : 'NEAR'} ${grouped(q.r)}`;
    }
    case 'scope':
      return `${q.field}:${q.c.k === 'term' || q.c.k === 'phrase' ? renderQuery(q.c) : `(${renderQuery(q.c)})`}`;
  }
}

function grouped(q: GenQuery): string {
  return q.k === 'and' || q.k === 'or' ? `(${renderQuery(q)})` : renderQuery(q);
}

function renderWord(w: GenWord): string {
  const cased = w.letterCase === 'upper' ? w.text.toUpperCase() : w.letterCase === 'capital' ? w.text[0]?.toUpperCase() + w.text.slice(1) : w.text;
  return w.mode === 'exact' ? `=${cased}` : w.mode === 'prefix' ? `${cased}*` : cased;
}

function phraseBody(q: GenQuery & { k: 'phrase' }): string {
  return q.words.map(renderWord).join(' ');
}

/** The tree the spec says the rendered query means, built without the parser. */
export function toQueryNode(q: GenQuery): QueryNode {
  const span = { start: 0, end: 0 };
  switch (q.k) {
    case 'term':
      return { kind: 'term', label: renderWord(q.word), words: [toPattern(q.word, false)], ...span };
    case 'phrase':
      return { kind: 'term', label: phraseBody(q), words: q.words.map((w) => toPattern(w, q.exactAll)), ...span };
    case 'and':
    case 'or':
      return { kind: q.k, children: q.cs.map(toQueryNode), ...span };
    case 'not':
      return { kind: 'not', child: toQueryNode(q.c), ...span };
    case 'near':
      return { kind: 'near', left: toQueryNode(q.l), right: toQueryNode(q.r), distance: q.distance ?? 5, ordered: q.ordered, ...span };
    case 'scope':
      return { kind: 'scope', field: q.field, child: toQueryNode(q.c), ...span };
  }
}

function toPattern(w: GenWord, exactAll: boolean): WordPattern {
  if (w.mode === 'prefix') return { kind: 'prefix', text: w.text };
  return { kind: 'word', text: w.text, exact: exactAll || w.mode === 'exact', acronym: w.letterCase === 'upper' && w.text.length >= 2 };
}

/** docs/rules.md: at least one positive term that is not a wildcard. */
export function isValid(q: GenQuery, negated = false): boolean {
  switch (q.k) {
    case 'term':
      return !negated && q.word.mode !== 'prefix';
    case 'phrase':
      return !negated && q.words.some((w) => w.mode !== 'prefix');
    case 'and':
    case 'or':
      return q.cs.some((c) => isValid(c, negated));
    case 'not':
      return isValid(q.c, !negated);
    case 'near':
      return isValid(q.l, negated) || isValid(q.r, negated);
    case 'scope':
      return isValid(q.c, negated);
  }
}
