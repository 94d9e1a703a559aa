// An alert: one item matched by one rule, with what a reader needs to act on it.
import type { MatchedTerm } from './match.ts';

export interface Place {
  readonly name: string;
  /** ISO 3166-1 alpha-2, or null when unknown. */
  readonly country: string | null;
}

export interface Facts {
  readonly places: readonly Place[];
  readonly killed: number | null;
  readonly injured: number | null;
  /** YYYY-MM-DD */
  readonly when: string | null;
  /** Who is blamed or claimed it, when the text says so. */
  readonly attribution: string | null;
}

export type Priority = 'flash' | 'normal' | 'low';

export interface Alert {
  readonly id: number;
  readonly ruleId: string;
  readonly itemKey: string;
  readonly title: string;
  readonly link: string | null;
  readonly source: string;
  readonly published: Date;
  readonly matched: readonly MatchedTerm[];
  readonly summary: string;
  readonly facts: Facts | null;
  readonly storyId: string;
  /** Other outlets that reported the same story. */
  readonly alsoReportedBy: readonly string[];
  readonly priority: Priority;
}
