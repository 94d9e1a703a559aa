// A configured feed and its polling health.

export interface FeedSource {
  /** Stable id (from config, else derived from the URL). */
  readonly id: string;
  /** http(s) URL, or a local file path for offline use and tests. */
  readonly url: string;
  /** Display name override; the feed's own title is used otherwise. */
  readonly title: string | null;
  /** On the first poll, alert on the newest N items instead of none. */
  readonly backfill: number;
  /** Poll interval in seconds (with adaptive bounds: the reference interval). */
  readonly intervalSeconds: number;
  /** Adaptive polling (opt-in): the interval follows the feed's update rate within these bounds (seconds). */
  readonly minIntervalSeconds?: number;
  readonly maxIntervalSeconds?: number;
  /** Folder path for OPML export ("News/World"); config feeds only. */
  readonly category?: string;
}

/** Why a feed's next poll is when it is (`wirewatch feeds`). */
export type IntervalReason = 'fixed' | 'adaptive' | 'max-age' | 'retry-after' | 'backoff' | 'websub';

/** What the scheduler knows of a feed's updates and decided for its next poll. */
export interface FeedSchedule {
  /** Moving average of the time between changes (new items), in ms; null until measured. */
  readonly changeIntervalMs: number | null;
  /** When new items last appeared (by poll or push). */
  readonly lastChangeAt: Date | null;
  /** The delay the last poll planned until the next one, in seconds, and why; null before the first poll. */
  readonly pollIntervalSeconds: number | null;
  readonly intervalReason: IntervalReason | null;
}

export interface FeedHealth {
  readonly feedId: string;
  readonly lastSuccessAt: Date | null;
  readonly lastErrorAt: Date | null;
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
  readonly nextAttemptAt: Date | null;
}
