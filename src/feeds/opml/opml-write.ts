// Writes feeds as an OPML 2.0 subscription list (http://opml.org/spec2.opml): one folder outline
// per category level, holding its feeds' outlines, in the order categories first appear.
import type { OpmlFeed } from './opml-parse.ts';

interface Folder {
  readonly feeds: OpmlFeed[];
  readonly folders: Map<string, Folder>;
}

export function renderOpml(title: string, feeds: readonly OpmlFeed[], created: Date): string {
  const root: Folder = { feeds: [], folders: new Map() };
  for (const feed of feeds) {
    let folder = root;
    for (const name of feed.category) {
      let next = folder.folders.get(name);
      if (next === undefined) {
        next = { feeds: [], folders: new Map() };
        folder.folders.set(name, next);
      }
      folder = next;
    }
    folder.feeds.push(feed);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(title)}</title>`,
    `    <dateCreated>${created.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...renderFolder(root, '    '),
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

function renderFolder(folder: Folder, indent: string): string[] {
  const lines = folder.feeds.map((feed) => {
    const name = feed.title ?? feed.url;
    return `${indent}<outline type="rss" text="${escapeXml(name)}" title="${escapeXml(name)}" xmlUrl="${escapeXml(feed.url)}"/>`;
  });
  for (const [name, sub] of folder.folders) {
    lines.push(`${indent}<outline text="${escapeXml(name)}" title="${escapeXml(name)}">`, ...renderFolder(sub, `${indent}  `), `${indent}</outline>`);
  }
  return lines;
}

// Characters XML 1.0 cannot carry at all, even as references (section 2.2), and C1 controls: dropped.
const NOT_XML = /[^\P{Cc}\t\n\r]|[\uFFFE\uFFFF\uD800-\uDFFF]/gu; // in u mode a lone surrogate is its own code point

/** Text safe inside an attribute or element; tabs and line breaks as references so parsers keep them. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
