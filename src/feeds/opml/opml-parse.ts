// Reads an OPML subscription list (OPML 1.0 and 2.0, http://opml.org/spec2.opml) into feeds with
// their folder path: an outline with `xmlUrl` is a feed, one without is a folder around others.
// Strict XML, after the one repair real exports need (bare "&" in titles); anything else that is
// not well-formed OPML is refused with its line. No entity is ever expanded beyond XML's own five.
import sax from 'sax';
import { repairXml } from '../parse/xml/repair-xml.ts';

export interface OpmlFeed {
  readonly url: string;
  /** The outline's `title`, else its `text`; null when both are absent or blank. */
  readonly title: string | null;
  /** Folder names from the outermost in, else the `category` attribute's first path; [] at the top. */
  readonly category: readonly string[];
}

export type OpmlParseResult =
  | { readonly kind: 'ok'; readonly title: string | null; readonly feeds: readonly OpmlFeed[] }
  | { readonly kind: 'invalid'; readonly line: number; readonly reason: string };

/** Folders nested deeper than this are refused (a hostile file cannot exhaust the stack or memory). */
export const MAX_OPML_DEPTH = 32;

export function parseOpml(text: string): OpmlParseResult {
  const strict = parseStrict(text);
  if (strict.kind === 'ok' || strict.reason.startsWith('not OPML')) return strict;
  const repaired = repairXml(text);
  return repaired === text ? strict : parseStrict(repaired);
}

function parseStrict(text: string): OpmlParseResult {
  const parser = sax.parser(true, { trim: false, normalize: false, xmlns: false });
  const folders: (string | null)[] = []; // per open outline: its folder name, or null for a feed
  const feeds: OpmlFeed[] = [];
  let failure: { line: number; reason: string } | null = null;
  let root: string | null = null;
  let inHeadTitle = false;
  let title = '';
  let sawBody = false;
  const fail = (reason: string): void => {
    failure ??= { line: parser.line + 1, reason };
  };

  parser.onerror = (error) => {
    fail(`not well-formed XML: ${error.message.split('\n', 1)[0]}`);
    // sax would go on; one error is enough, and it stops here.
    throw STOP;
  };
  parser.onopentag = (tag) => {
    if (failure !== null) return;
    if (root === null) {
      root = tag.name;
      if (tag.name !== 'opml') fail(`not OPML: the root element is <${tag.name}>, expected <opml>`);
      return;
    }
    if (tag.name === 'body') sawBody = true;
    if (tag.name === 'title' && !sawBody) inHeadTitle = true;
    if (tag.name !== 'outline') return;
    if (folders.length >= MAX_OPML_DEPTH) return fail(`outlines nested more than ${MAX_OPML_DEPTH} deep`);
    const attr = (name: string): string | null => {
      const value = tag.attributes[name];
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
    };
    const url = attr('xmlUrl') ?? attr('xmlurl');
    const name = attr('title') ?? attr('text');
    if (url === null) {
      folders.push(name ?? '');
      return;
    }
    folders.push(null);
    const path = folders.filter((f): f is string => f !== null && f !== '');
    feeds.push({ url, title: name, category: path.length > 0 ? path : categoryAttribute(attr('category')) });
  };
  parser.onclosetag = (name) => {
    if (name === 'outline') folders.pop();
    if (name === 'title') inHeadTitle = false;
  };
  parser.ontext = (chunk) => {
    if (inHeadTitle) title += chunk;
  };
  parser.oncdata = (chunk) => {
    if (inHeadTitle) title += chunk;
  };

  try {
    parser.write(text).close();
  } catch (error) {
    if (error !== STOP) throw error;
  }
  // What is missing is missing at the end of the file.
  const lastLine = text.split(/\r\n|\r|\n/).length;
  if (failure === null && root === null) failure = { line: lastLine, reason: 'not OPML: no root element' };
  if (failure === null && !sawBody) failure = { line: lastLine, reason: 'not OPML: no <body> element' };
  if (failure !== null) return { kind: 'invalid', ...(failure as { line: number; reason: string }) };
  return { kind: 'ok', title: title.trim() || null, feeds };
}

const STOP = Symbol('stop');

/** `category="/News/World,/Sports"` → News, World (the first path; OPML 2.0's slash-delimited form). */
function categoryAttribute(value: string | null): readonly string[] {
  const first = value?.split(',')[0] ?? '';
  return first.split('/').map((part) => part.trim()).filter((part) => part !== '');
}
