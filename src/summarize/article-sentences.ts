// Turns an item body into the sentences a reader should see: datelines, bylines, page headers, "Plus:",
// "Read more", share/subscribe lines and machine-translation debris (",quot;", "UU.") removed.
import { splitSentences } from './split-sentences.ts';

export interface ArticleSentence {
  /** Cleaned, single-spaced text. */
  readonly text: string;
  /** Offsets of the sentence in the original body, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** Index in the list of all sentences, boilerplate included (0 = the first). */
  readonly index: number;
}

// Each is replaced by spaces of the same length, so that offsets into the body stay valid.
const DATELINES = [
  /^\s*date \d{4}-\d{2}-\d{2}\b/, // " date 2019-12-27" (a translation service's stamp)
  // "BAGHDAD (Reuters) -", "WASHINGTON, Dec 27 (AP) —", "Baghdad, Dec. 27 (Reuters) -"
  /^\s*[\p{Lu}][\p{L}.'’ -]{1,40}(?:,\s*[\p{Lu}][\p{L}.'’ ]{1,20})?(?:,?\s+[\p{Lu}][a-z]{2,8}\.?\s+\d{1,2})?\s*\([^)\n]{2,40}\)\s*[-–—]+/u,
  // "(CNN)Police raided …", "Minneapolis (CNN)Unexpected …", "PARIS (AFP) --": an agency in capitals, no dash needed.
  /^\s*(?:[\p{Lu}][\p{L}.'’ -]{1,40}(?:,\s*[\p{Lu}][\p{L}.'’ ]{1,20})?\s*)?\((?:CNN|AP|AFP|Reuters|UPI|EFE|dpa|ANSA|PTI|IANS|Xinhua|Yonhap|Kyodo|Bernama|CNA)\)\s*(?:--?|[–—])?/u,
  // "LONDON, Dec 27 -", "SALVADOR, Feb 26 -", "LONDON -"
  /^\s*[\p{Lu}][\p{Lu}.'’ -]{2,40}(?:,\s*[\p{Lu}][a-z]{2,8}\.?\s+\d{1,2})?\s*[-–—]+(?=\s)/u,
];
// A Daily Mail page header: "By . Jane Doe . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . … 2013 .".
const PAGE_HEADERS = [
  /^\s*By \.(?: (?:and )?[\p{Lu}][^.|:\n]{1,50} \.){1,2}(?= )/u,
  /^\s*(?:PUBLISHED: \. [^|\n]{5,40}? \. \| \. )?(?:UPDATED: \. |Last updated at )[^\n]{5,40}?\d{4} \.(?= )/u,
];
// Broken entities from translation services and feeds: ",quot;" for a closing quote, "EE. UU."/"UU." for US.
const DEBRIS: readonly [RegExp, string][] = [
  [/,?&?quot;/g, '"'],
  [/&(?:amp;)?#39;|&apos;/g, "'"],
  [/\bEE\. ?UU\./g, 'US'],
  [/(^|\s)UU\.(?=\s|$)/g, '$1'],
];
/** Whole sentences that are page furniture, not news. */
const BOILERPLATE = [
  /^(?:plus|also|related|more|advertisement|share|watch|listen|see also|recommended|photo|video|image|read more|more on this story|editor'?s note|update)\s*:?$/i,
  /^(?:read more|see also|related|also read|click here|sign up|subscribe|follow us|share (?:this|on|via)|watch:|listen:|download (?:the|our))\b/i,
  /\b(?:all rights reserved|copyright ©?\s*\d{4})\b|^©/i,
  /^[Bb]y [\p{Lu}][\p{L}'’-]+(?: [\p{Lu}][\p{L}.'’-]*){0,3}(?:,? [\p{L} ]{0,30})?$/u, // byline
  /^\((?:reporting|writing|editing|additional reporting)\b.*\)$/i,
  /^reuters?$/i,
];

/** The dateline a body opens with ("KATHMANDU, Nepal (Reuters) —"), if any; not the date stamp. */
export function findDateline(body: string): string | null {
  for (const re of DATELINES.slice(1)) {
    const m = re.exec(body);
    if (m !== null) return m[0].trim();
  }
  return null;
}

export function articleSentences(body: string): ArticleSentence[] {
  const text = cleanForSplitting(body);
  const out: ArticleSentence[] = [];
  splitSentences(text).forEach((span, index) => {
    const clean = tidy(span.text);
    if (isFurniture(clean)) return;
    out.push({ text: clean, start: span.start, end: span.end, index });
  });
  return out;
}

/** Blanks datelines and debris (keeping offsets) and joins hard-wrapped lines. */
export function cleanForSplitting(body: string): string {
  let text = unwrapHardLines(body);
  for (const re of [...PAGE_HEADERS, ...DATELINES]) text = text.replace(re, (m) => ' '.repeat(m.length));
  for (const [re, by] of DEBRIS) text = text.replace(re, (m, ...groups: unknown[]) => pad(re.source.startsWith('(^') ? String(groups[0]) : by, m.length));
  return text;
}

function pad(replacement: string, length: number): string {
  return replacement.length >= length ? replacement.slice(0, length) : replacement + ' '.repeat(length - replacement.length);
}

/** Single spaces, no space before punctuation, no stray quote doubled by the debris fixes. */
export function tidy(sentence: string): string {
  return sentence
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;:!?])/g, '$1')
    .replace(/""+/g, '"')
    .trim();
}

function isFurniture(sentence: string): boolean {
  if (BOILERPLATE.some((re) => re.test(sentence))) return true;
  // Debris such as "UU." or "-": no word of three letters.
  return !/\p{L}{3}/u.test(sentence);
}

/**
 * Wire copy wrapped at ~70 columns (Reuters-21578) breaks lines mid-sentence; there, only an
 * indented line or a blank line starts a paragraph. Same length out as in.
 */
function unwrapHardLines(body: string): string {
  const lines = body.split('\n');
  if (lines.length < 4) return body;
  const inner = lines.slice(0, -1).filter((l) => l.trim() !== '');
  const wrapped = inner.filter((l) => l.length >= 40 && l.length <= 90 && !/[.!?:"”]\s*$/.test(l)).length;
  if (wrapped < inner.length * 0.6) return body;
  return body.replace(/\n(?![ \t]|\n)/g, ' ');
}
