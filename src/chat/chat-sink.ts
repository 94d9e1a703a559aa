// What every chat destination offers the delivery loop: send, edit, reply, each answering an
// outcome value the outbox acts on (mark sent, retry later, or record a permanent failure).
// Limits and retry rules: docs/chat-limits.md ("What an alert message must survive").
import type { Alert } from '../domain/alert.ts';
import { metrics } from '../metrics/metrics.ts';

export type SendOutcome =
  /** messageId: Discord message id, Slack "channel:ts"; '' when the platform returns none (Slack incoming webhooks). */
  | { readonly kind: 'sent'; readonly messageId: string }
  /** 429 (afterMs from Retry-After), 5xx, timeout or network error: send again later, keep order. */
  | { readonly kind: 'retry'; readonly afterMs: number | null; readonly reason: string }
  /** Any other 4xx or platform error (bad token, unknown channel, invalid payload): never retried. */
  | { readonly kind: 'permanent'; readonly reason: string };

export interface SendOptions {
  /** Idempotency key, at most 25 characters, derived from the alert id (Discord `nonce`). */
  readonly nonce: string;
  /** The route's explicit mention in the platform's syntax (Discord `<@&id>`, Slack `<!subteam^S…>`), or null. */
  readonly mention: string | null;
}

export interface SinkCapabilities {
  /** Whether edit() can change a sent message (false: Slack incoming webhooks). */
  readonly edit: boolean;
  /** Whether reply() posts in a thread on the message (false: a plain follow-up message in the channel). */
  readonly threadedReplies: boolean;
}

export interface ChatSink {
  /** The destination's name from config. */
  readonly name: string;
  /** Absent means everything is supported. */
  readonly capabilities?: SinkCapabilities;
  send(alert: Alert, opts: SendOptions): Promise<SendOutcome>;
  /** Story update (also reported by, changed facts); keeps the message's mention when given the route's. */
  edit(messageId: string, alert: Alert, opts?: { readonly mention?: string | null }): Promise<SendOutcome>;
  /** Material change, as a thread reply on the message (Discord thread, Slack thread_ts). */
  reply(messageId: string, text: string, opts?: { readonly nonce?: string }): Promise<SendOutcome>;
  /** Releases timers and sockets held by the client library. */
  close?(): void;
}

// ---- Rate limits and network failures, as every sender handles them. ----

/** How long a sender may wait out a rate limit itself (keeping order) before handing it to the outbox. */
export const DEFAULT_MAX_CLIENT_WAIT_MS = 10_000;

/**
 * Repeats `call` while it answers a rate-limit retry (afterMs set) no longer than `maxWaitMs`,
 * sleeping that long first: a short 429 is not a failure and should not cost an outbox round trip.
 */
export async function waitOutRateLimits(
  call: () => Promise<SendOutcome>,
  maxWaitMs: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<SendOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await call();
    if (outcome.kind === 'retry' && outcome.afterMs !== null) metrics.rateLimited('chat');
    if (outcome.kind !== 'retry' || outcome.afterMs === null || outcome.afterMs > maxWaitMs || attempt >= 3) return outcome;
    await sleep(outcome.afterMs);
  }
}

/**
 * A success answer that lacks what every success carries (a message id): seen from proxies and
 * broken emulators answering 200 `{"ok":false}`. Treated like a 5xx: retried with backoff, in order.
 */
export function malformedSuccess(platform: string, what: string): SendOutcome {
  return { kind: 'retry', afterMs: null, reason: `${platform}: ${what} answered success without a message id` };
}

/** Timeouts (AbortError), refused or reset connections, undici socket errors, fetch failures. */
export function isNetworkError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (/^E[A-Z]+$/.test(code) || code.startsWith('UND_ERR'))) return true;
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  return error.cause !== undefined && error.cause !== error && isNetworkError(error.cause);
}

export function describeNetworkError(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code} ${error.message}` : `${error.name}: ${error.message}`;
}

// ---- Neutral alert text every renderer shares: clean, cut within a limit, facts line. ----
// Both platforms count limits in UTF-16 code units, which is what String#length counts.

export const ELLIPSIS = '…';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// A zero-width joiner survives only inside an emoji sequence (👩‍🔬); anywhere else it, like every
// other format character (zero-width space, bidi overrides, soft hyphen, tags), could hide a mention.
const STRAY_FORMAT = /\u200D(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]\u200D)|\u200D(?!\p{Extended_Pictographic})|[^\P{Cf}\u200D]/gu;
// Runs of spaces, line breaks and controls become one space (written to leave lone spaces alone: faster).
const CONTROL_OR_SPACE = /[\p{Cc}\p{Z}\s]{2,}|[^\P{Cc}]|[^\P{Z} ]|[^\S ]/gu;
// "Zalgo": keep at most 4 combining marks per character so one grapheme cannot fill a limit.
const MARK_PILE = /(\p{M}{4})\p{M}+/gu;

/** Feed text made safe to place anywhere: no controls, no invisible characters, one line. */
export function cleanText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '')
    .normalize('NFC')
    .replace(STRAY_FORMAT, '')
    .replace(CONTROL_OR_SPACE, ' ')
    .replace(MARK_PILE, '$1')
    .trim();
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** How a platform escapes text: single UTF-16 code units mapped to their replacement. */
export type Escapes = Readonly<Record<string, string>>;
const NO_ESCAPES: Escapes = {};
const escapePatterns = new WeakMap<Escapes, RegExp | null>();

export function escapeText(text: string, escapes: Escapes): string {
  let pattern = escapePatterns.get(escapes);
  if (pattern === undefined) {
    const keys = Object.keys(escapes);
    if (keys.some((key) => key.length !== 1)) throw new Error(`chat-sink: escape keys must be single code units: ${keys.join(' ')}`);
    pattern = keys.length === 0 ? null : new RegExp(`[${keys.map((key) => `\\u${key.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`, 'g');
    escapePatterns.set(escapes, pattern);
  }
  return pattern === null ? text : text.replace(pattern, (char) => escapes[char] ?? char);
}

/**
 * Cleans `text`, escapes it with `escapes`, and cuts it so the result is at most `max` UTF-16
 * code units: at a word boundary when one is in the second half, else between graphemes (never
 * inside a surrogate pair, an emoji sequence or an escape), ending with "…".
 */
export function fitText(text: string, max: number, escapes: Escapes = NO_ESCAPES): string {
  if (max <= 0) return '';
  const clean = cleanPrefix(text, max);
  const whole = escapeText(clean, escapes);
  if (whole.length <= max) return whole;
  const budget = max - ELLIPSIS.length;
  let length = 0;
  let overflowAt = 0; // offset in `clean` of the first unit that does not fit beside an ellipsis
  while (overflowAt < clean.length) {
    const units = escapes[clean.charAt(overflowAt)]?.length ?? 1;
    if (length + units > budget) break;
    length += units;
    overflowAt += 1;
  }
  const space = clean.lastIndexOf(' ', overflowAt);
  const cut = space >= overflowAt / 2 ? space : lastGraphemeBoundary(clean, Math.max(space, 0), overflowAt);
  return escapeText(clean.slice(0, cut), escapes).trimEnd() + ELLIPSIS;
}

/**
 * cleanText of just enough of `text` to fill `max` escaped units (escaping only lengthens it), so a
 * 100 kB summary costs what a page does; grows the prefix when cleaning removed too much of it.
 */
function cleanPrefix(text: string, max: number): string {
  for (let take = 2 * max + 64; ; take *= 2) {
    if (take >= text.length) return cleanText(text);
    const clean = cleanText(text.slice(0, take));
    if (clean.length > max + 64) return clean;
  }
}

// Intl.Segmenter is slow (microseconds a grapheme), so only the last word before the cut is
// segmented; a space always starts a new grapheme, so segmenting from one gives true boundaries.
function lastGraphemeBoundary(text: string, from: number, limit: number): number {
  let boundary = from;
  for (const { index } of graphemes.segment(text.slice(from, limit + 64))) {
    if (from + index > limit) break;
    boundary = from + index;
  }
  return boundary;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** "2019-12-27" → "Fri 27 Dec 2019"; null when it is not a real date. */
export function formatDay(isoDay: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(m[3])) return null;
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function countryName(code: string | null): string | null {
  if (code === null || !/^[A-Z]{2}$/.test(code)) return null;
  try {
    return regionNames.of(code) ?? null;
  } catch {
    return null;
  }
}

/** The readable pieces of an alert's facts, raw (unescaped, uncut); absent pieces are null. */
export interface FactParts {
  readonly where: string | null;
  readonly casualties: string | null;
  readonly when: string | null;
  readonly attribution: string | null;
}

export function describeFacts(alert: Alert): FactParts {
  const facts = alert.facts;
  if (facts === null) return { where: null, casualties: null, when: null, attribution: null };
  const places = facts.places.map((place) => {
    const country = countryName(place.country);
    return country === null || country === place.name ? place.name : `${place.name}, ${country}`;
  });
  const casualties = [
    facts.killed === null ? null : `${facts.killed} killed`,
    facts.injured === null ? null : `${facts.injured} wounded`,
  ].filter((part) => part !== null);
  return {
    where: places.length > 0 ? places.join('; ') : null,
    casualties: casualties.length > 0 ? casualties.join(', ') : null,
    when: facts.when === null ? null : formatDay(facts.when),
    attribution: facts.attribution,
  };
}

/** "Kirkuk, Iraq · 1 killed, 3 wounded · Fri 27 Dec 2019", or null when nothing is known. */
export function formatFactsLine(alert: Alert): string | null {
  const { where, casualties, when, attribution } = describeFacts(alert);
  const parts = [where, casualties, when, attribution === null ? null : `attributed to ${attribution}`];
  const line = parts.filter((part) => part !== null && part !== '').join(' · ');
  return line === '' ? null : line;
}

/** The rule terms that fired, each once, in order. */
export function listMatchedTerms(alert: Alert): string {
  return [...new Set(alert.matched.map((m) => m.term))].join(', ');
}

/** The article link when it is an absolute http(s) URL no longer than `max`, else null. */
export function sanitizeLink(link: string | null, max: number): string | null {
  if (link === null) return null;
  const trimmed = link.trim();
  if (trimmed.length > max || /[\s<>"]/.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href.length <= max ? url.href : null : null;
  } catch {
    return null;
  }
}
