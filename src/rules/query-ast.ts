// The parsed form of a rule query (docs/rules.md): what parseQuery returns and compileQuery reads.
// Spans are 0-based character offsets into the query, end exclusive, used for errors and explanations.
import type { Field } from '../domain/match.ts';

/** One word of a term or phrase, already folded ("U.S." → "us"). */
export type WordPattern =
  /** `attack` (inflected forms) or `=attack` (exact form). */
  | { readonly kind: 'word'; readonly text: string; readonly exact: boolean; readonly acronym: boolean }
  /** `attack*`: any word starting with `text`. */
  | { readonly kind: 'prefix'; readonly text: string };

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type QueryNode =
  /** A word, or a phrase when `words` has several entries (consecutive words). */
  | (Span & { readonly kind: 'term'; readonly label: string; readonly words: readonly WordPattern[] })
  /** `place:Iraq`, `place:"New York"`: `name` as written. */
  | (Span & { readonly kind: 'place'; readonly label: string; readonly name: string })
  | (Span & { readonly kind: 'and'; readonly children: readonly QueryNode[] })
  | (Span & { readonly kind: 'or'; readonly children: readonly QueryNode[] })
  | (Span & { readonly kind: 'not'; readonly child: QueryNode })
  | (Span & {
      readonly kind: 'near';
      readonly left: QueryNode;
      readonly right: QueryNode;
      /** Most words allowed between the two sides. */
      readonly distance: number;
      /** ONEAR: left must come before right. */
      readonly ordered: boolean;
    })
  | (Span & { readonly kind: 'scope'; readonly field: Field; readonly child: QueryNode });

/** Limits that keep any query cheap to compile and to match (docs/rules.md does not fix them). */
export const QUERY_LIMITS = {
  maxLength: 2000,
  maxTerms: 100,
  maxDepth: 20,
  maxNearDistance: 100,
  defaultNearDistance: 5,
  minPrefixLength: 3,
} as const;
