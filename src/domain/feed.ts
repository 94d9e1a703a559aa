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
  /** Poll interval in seconds. */
  readonly intervalSeconds: number;
  /** Folder path for OPML export ("News/World"); config feeds only. */
  readonly category?: string;
}

export interface FeedHealth {
  readonly feedId: string;
  readonly lastSuccessAt: Date | null;
  readonly lastErrorAt: Date | null;
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
  readonly nextAttemptAt: Date | null;
}
