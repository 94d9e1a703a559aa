// The compiled form of one query: word forms expanded, field scopes pushed down to the terms,
// places resolved through the gazetteer port below. Evaluated per article by evaluate-plan.ts.
import type { Field } from '../domain/match.ts';
import type { Word } from '../text/words.ts';
import type { Span } from './query-ast.ts';

export const FIELDS: readonly Field[] = ['title', 'body', 'source', 'url'];
/** Bit i set = field FIELDS[i]. */
export type FieldMask = number;
/** A query without a field scope searches title and body (docs/rules.md, "Text model"). */
export const DEFAULT_FIELDS: FieldMask = 0b0011;

/** One word of a term; `id` numbers it within its TermTable (term-table.ts). */
export type WordMatcher =
  | {
      readonly kind: 'forms';
      readonly id: number;
      readonly forms: ReadonlySet<string>;
      /** The TermTable word entries of the forms. */
      readonly entries: readonly number[];
    }
  | { readonly kind: 'prefix'; readonly id: number; readonly prefix: string };

/** A place named in a field: word offsets (end exclusive) and the country it is in. */
export interface PlaceMention {
  readonly start: number;
  readonly end: number;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string;
  /** The folded words of the name as the gazetteer spells it. */
  readonly words: readonly string[];
}

/** What `place:X` stands for once resolved. */
export interface ResolvedPlace {
  /** Equal keys accept equal mentions. */
  readonly key: string;
  /** First words of every name the place can be mentioned by (for the rule index). */
  readonly firstWords: readonly string[];
  accepts(mention: PlaceMention): boolean;
}

/** The narrow gazetteer port place: needs (adapted from src/geo in gazetteer-places.ts). */
export interface PlaceResolver {
  /** null for a place the gazetteer does not know. */
  resolve(name: string): ResolvedPlace | null;
  /** Places named in one field; `text` is what the words were split from. */
  findMentions(words: readonly Word[], text: string): readonly PlaceMention[];
}

export type Plan = Span &
  (
    | {
        readonly kind: 'term';
        /** Equal keys match equal words. */
        readonly key: string;
        /** Where an article's hits for this term are kept (shared by terms with equal key and label). */
        readonly slot: number;
        readonly label: string;
        readonly matchers: readonly WordMatcher[];
        readonly fields: FieldMask;
      }
    | {
        readonly kind: 'place';
        readonly key: string;
        readonly slot: number;
        readonly label: string;
        readonly place: ResolvedPlace;
        readonly resolver: PlaceResolver;
        readonly fields: FieldMask;
      }
    | {
        readonly kind: 'and' | 'or';
        readonly children: readonly Plan[];
        /** Children in the order to test them: cheapest first (the result does not depend on it). */
        readonly order: readonly Plan[];
      }
    | { readonly kind: 'not'; readonly child: Plan }
    | { readonly kind: 'near'; readonly left: Plan; readonly right: Plan; readonly distance: number; readonly ordered: boolean }
  );

export type PositionalPlan = Extract<Plan, { kind: 'term' | 'place' | 'or' }>;
