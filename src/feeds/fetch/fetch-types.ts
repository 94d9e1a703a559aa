// What a fetch takes and answers, shared by the HTTP and file fetchers and their callers.
// Outcomes are values: see fetch-feed.ts for what each one means.
import type { LookupFunction } from 'node:net';

export interface Validators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export interface FetchOptions {
  userAgent: string;
  connectTimeoutMs: number;
  /** Whole fetch, all redirects and the body included. */
  totalTimeoutMs: number;
  /** Cap on the body, both as received and after decompression. */
  maxBytes: number;
  maxRedirects: number;
  /** DNS resolution for every hop (the SSRF guard plugs in here). Not called for IP-literal hosts. */
  lookup?: LookupFunction;
  /** Checked before the first request and before following each redirect: a reason to refuse the URL, or null. */
  allowUrl?: (url: URL) => string | null;
  signal?: AbortSignal;
}

export type FetchResult =
  | { kind: 'ok'; body: Buffer; contentType: string | null; validators: Validators; finalUrl: string; maxAgeSeconds: number | null; linkHeader?: string | null }
  | { kind: 'not-modified'; maxAgeSeconds: number | null }
  | { kind: 'http-error'; status: number; retryAfterSeconds: number | null; reason: string }
  | { kind: 'failed'; reason: string };
