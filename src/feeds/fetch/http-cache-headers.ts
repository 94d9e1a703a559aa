// Parses the response headers that drive polling: Cache-Control max-age (RFC 9111 §5.2.2.1)
// and Retry-After (RFC 9110 §10.2.3, delay-seconds or HTTP-date). Pure; used by fetch-feed.ts.

/** Seconds from `Cache-Control: max-age=N`, or null when absent, malformed or no-store/no-cache. */
export function parseMaxAge(cacheControl: string | null | undefined): number | null {
  if (!cacheControl) return null;
  let maxAge: number | null = null;
  for (const directive of cacheControl.split(',')) {
    const [rawName = '', rawValue] = directive.split('=', 2);
    const name = rawName.trim().toLowerCase();
    // A response the server says must not be reused gives no freshness hint at all.
    if (name === 'no-store' || name === 'no-cache') return null;
    if (name === 'max-age' && rawValue !== undefined) {
      const value = rawValue.trim().replace(/^"(.*)"$/, '$1');
      if (/^\d+$/.test(value)) maxAge = Number(value);
    }
  }
  return maxAge;
}

/**
 * Seconds to wait from `Retry-After` (either "120" or an HTTP date), relative to `now`;
 * a date in the past gives 0; null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // All three HTTP-date forms (IMF-fixdate, RFC 850, asctime) start with the day name; Date.parse
  // reads them all, but would also take "-5" or "2026" as dates, hence the check.
  if (!/^[a-z]{3}/i.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** "10 MB", "512 KB", "300 bytes": for the size-cap reason strings. */
export function formatBytes(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb && bytes % mb === 0) return `${bytes / mb} MB`;
  if (bytes >= mb) return `${(bytes / mb).toFixed(1)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** "30 s" for whole seconds, else "300 ms": for timeout reason strings. */
export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
