// A repair pass for the ill-formed XML real feeds carry, tried only after a strict parse fails:
// HTML-only entities (&hellip;, &nbsp;), bare "&", stray control text. CDATA sections are left alone.
import { decodeEntity } from 'html-entities';

// The five entities XML predefines (XML 1.0 section 4.6); every other named one is an error.
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const AMPERSAND = /&(?:(#[0-9]{1,7};|#x[0-9a-fA-F]{1,6};)|([A-Za-z][A-Za-z0-9]{0,31});)?/g;
const CDATA = /(<!\[CDATA\[[\s\S]*?\]\]>)/;

/** Returns the text with entity errors fixed, or the same string when there was nothing to fix. */
export function repairXml(xml: string): string {
  // split with a capture group keeps the CDATA sections at odd indexes.
  return xml
    .split(CDATA)
    .map((part, i) => (i % 2 === 1 ? part : repairEntities(part)))
    .join('');
}

function repairEntities(text: string): string {
  return text.replace(AMPERSAND, (whole, numeric: string | undefined, name: string | undefined) => {
    if (numeric !== undefined) return whole;
    if (name === undefined) return '&amp;';
    if (XML_ENTITIES.has(name)) return whole;
    const decoded = decodeEntity(`&${name};`);
    if (decoded === `&${name};`) return `&amp;${name};`;
    return [...decoded].map((ch) => `&#${ch.codePointAt(0) ?? 0xfffd};`).join('');
  });
}

// Markup the balancer steps over whole, and the tags it tracks.
const MARKUP = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>|<(\/?)([A-Za-z_][\w.:-]*)(?:\s[^<>]*?)?(\/?)>/gi;

/**
 * Makes tag structure well-formed the way a browser would: a truncated tail (a cut-off tag,
 * CDATA section or comment) is dropped, a stray end tag is dropped, an end tag closes the
 * elements left open inside it, and elements still open at the end are closed.
 */
export function balanceTags(xml: string): string {
  const text = dropTruncatedTail(xml);
  const open: string[] = [];
  let out = '';
  let from = 0;
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(text); m !== null; m = MARKUP.exec(text)) {
    const [whole, slash, name, selfClosing] = m;
    if (name === undefined || selfClosing === '/') continue;
    if (slash !== '/') {
      open.push(name);
      continue;
    }
    const depth = open.lastIndexOf(name);
    out += text.slice(from, m.index);
    if (depth !== -1) {
      out += open.splice(depth).reverse().map((n) => `</${n}>`).join('');
    }
    from = m.index + whole.length;
  }
  out += text.slice(from);
  return out + open.reverse().map((n) => `</${n}>`).join('');
}

function dropTruncatedTail(xml: string): string {
  let text = xml;
  for (const [start, end] of [['<![CDATA[', ']]>'], ['<!--', '-->']] as const) {
    const opened = text.lastIndexOf(start);
    if (opened !== -1 && text.indexOf(end, opened + start.length) === -1) text = text.slice(0, opened);
  }
  const lastOpen = text.lastIndexOf('<');
  return lastOpen > text.lastIndexOf('>') ? text.slice(0, lastOpen) : text;
}
