// Neutral alert text every renderer shares: feed text cleaned, escaped and cut within a limit.
// Both platforms count limits in UTF-16 code units, which is what String#length counts.
import type { Alert } from '../domain/alert.ts';

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
    if (keys.some((key) => key.length !== 1)) throw new Error(`chat-text: escape keys must be single code units: ${keys.join(' ')}`);
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
 * Lines, each cleaned, escaped and cut, joined by line breaks until `max`; when the rest does not
 * fit, a last line "…" says so (a command reply's text on every platform).
 */
export function fitLines(lines: readonly string[], max: number, escapes: Escapes = NO_ESCAPES): string {
  let out = '';
  for (const line of lines) {
    const room = max - out.length - (out === '' ? 0 : 1);
    if (room <= ELLIPSIS.length) return out === '' ? ELLIPSIS : `${out}\n${ELLIPSIS}`.slice(0, max);
    const fitted = fitText(line, room, escapes);
    if (fitted !== '') out = out === '' ? fitted : `${out}\n${fitted}`;
  }
  return out;
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
