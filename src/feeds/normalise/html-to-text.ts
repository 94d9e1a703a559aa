// Turns feed HTML into the plain text alerts show and rules match: block elements become line
// breaks, scripts and styles vanish, entities are decoded and repaired, whitespace is collapsed.
import { decode } from 'html-entities';
import { repairEntities } from './repair-entities.ts';
import { repairMojibake } from './repair-mojibake.ts';

// Elements whose content is never text a reader sees.
const HIDDEN = ['script', 'style', 'noscript', 'iframe', 'template', 'object', 'svg', 'math', 'head', 'title'];
// Attribute runs stop at the next "<" as well as ">", so that no pattern rescans the rest of a
// long document for every "<" (keeps htmlToText linear on hostile input).
const HIDDEN_OPEN = new RegExp(`<(${HIDDEN.join('|')})(?=[\\s/>])[^<>]*>`, 'gi');
const BLOCK = /<\/?(?:p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|tr|table|thead|tbody|tfoot|caption|blockquote|pre|hr|section|article|header|footer|aside|nav|main|figure|figcaption|address|form|fieldset|details|summary|center)(?=[\s/>])[^<>]*>/gi;
const CELL = /<\/?(?:td|th)(?=[\s/>])[^<>]*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const CDATA_MARKS = /<!\[CDATA\[|\]\]>/g;
// Any other tag, declaration or processing instruction; an unterminated one is dropped up to the
// next "<".
const TAG = /<(?:\/?[A-Za-z]|[!?])[^<>]*>?/g;
// C0/C1 controls except \n (tabs and \r are turned into whitespace first), zero-width and
// bidi-control characters, soft hyphen, and unpaired surrogates.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPACES = /[ \t\f\v\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;

/** Plain text of an HTML fragment; paragraphs separated by "\n", at most one blank line. */
export function htmlToText(html: string): string {
  let text = dropHidden(html.replace(COMMENT, ''));
  text = text
    // Source line breaks are kept (unlike a browser): feeds often put plain text with newlines in
    // HTML fields, and it keeps htmlToText idempotent on its own output.
    .replace(/\r\n?/g, '\n')
    .replace(CDATA_MARKS, '')
    .replace(BLOCK, '\n')
    .replace(CELL, ' ')
    .replace(TAG, '');
  text = repairEntities(decode(text, { level: 'html5' }))
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(INVISIBLE, '');
  // After removing invisibles, so that a byte sequence split by one is not joined on a second pass.
  return collapseWhitespace(repairMojibake(text));
}

/** One-line plain text (titles). */
export function htmlToLine(html: string): string {
  return htmlToText(html).replace(/\s*\n\s*/g, ' ');
}

// Removes hidden elements with their content. Like a browser, a <script> runs to the first
// </script>; an unclosed one hides everything after it. Linear: one search per element.
function dropHidden(html: string): string {
  let out = '';
  let from = 0;
  HIDDEN_OPEN.lastIndex = 0;
  for (let m = HIDDEN_OPEN.exec(html); m !== null; m = HIDDEN_OPEN.exec(html)) {
    out += html.slice(from, m.index);
    const close = new RegExp(`</${m[1]}\\s*>`, 'gi');
    close.lastIndex = m.index + m[0].length;
    const end = close.exec(html);
    if (end === null) return out;
    from = end.index + end[0].length;
    HIDDEN_OPEN.lastIndex = from;
  }
  return out + html.slice(from);
}

function collapseWhitespace(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(SPACES, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
