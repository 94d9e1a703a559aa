// What a rule match is: which rule, and which words of which field made it fire.

export type Field = 'title' | 'body' | 'source' | 'url';

/** The text a rule is evaluated on. */
export interface Article {
  readonly title: string;
  readonly body: string;
  /** Feed title and the link's host. */
  readonly source: string;
  readonly url: string;
}

export interface MatchedTerm {
  /** The rule term as written (e.g. "rocket attack"). */
  readonly term: string;
  readonly field: Field;
  /** Word offsets in that field, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export interface RuleMatch {
  readonly ruleId: string;
  readonly matched: readonly MatchedTerm[];
}

export interface RuleDefinition {
  readonly id: string;
  readonly query: string;
}
