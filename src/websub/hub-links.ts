// The WebSub discovery of a feed (https://www.w3.org/TR/websub/#discovery): its hub(s) and its
// canonical topic URL, from HTTP `Link` headers first, else `<link rel="hub">` / `rel="self"` in
// the document (Atom `<link>` or `<atom:link>` in RSS). The topic defaults to the fetched URL.

export interface HubLinks {
  readonly hubs: readonly string[];
  /** `rel="self"`, else the address the feed was fetched from. */
  readonly topic: string;
}

const LINK_HEADER_PART = /<([^>]*)>\s*((?:;\s*[^;,]*)*)/g;
const XML_LINK = /<(?:atom:)?link\b([^>]*)>/gi;
const ATTRIBUTE = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function findHubLinks(linkHeader: string | null, body: string, fetchedUrl: string): HubLinks {
  const fromHeader = linksOfHeader(linkHeader ?? '', fetchedUrl);
  const fromBody = fromHeader.hubs.length > 0 ? { hubs: [], self: null } : linksOfBody(body.slice(0, 64 * 1024), fetchedUrl);
  return {
    hubs: [...new Set([...fromHeader.hubs, ...fromBody.hubs])],
    topic: fromHeader.self ?? fromBody.self ?? fetchedUrl,
  };
}

function linksOfHeader(header: string, base: string): { hubs: string[]; self: string | null } {
  const hubs: string[] = [];
  let self: string | null = null;
  for (const [, target = '', params = ''] of header.matchAll(LINK_HEADER_PART)) {
    const rel = /;\s*rel\s*=\s*"?([^";]*)"?/i.exec(params)?.[1]?.toLowerCase().split(/\s+/) ?? [];
    const url = absolute(target, base);
    if (url === null) continue;
    if (rel.includes('hub')) hubs.push(url);
    if (rel.includes('self')) self ??= url;
  }
  return { hubs, self };
}

function linksOfBody(body: string, base: string): { hubs: string[]; self: string | null } {
  const hubs: string[] = [];
  let self: string | null = null;
  for (const [, attributes = ''] of body.matchAll(XML_LINK)) {
    const values = new Map([...attributes.matchAll(ATTRIBUTE)].map(([, name = '', d, s]) => [name.toLowerCase(), d ?? s ?? '']));
    const rel = (values.get('rel') ?? '').toLowerCase().split(/\s+/);
    const url = absolute(decodeXmlAttribute(values.get('href') ?? ''), base);
    if (url === null) continue;
    if (rel.includes('hub')) hubs.push(url);
    if (rel.includes('self')) self ??= url;
  }
  return { hubs, self };
}

function decodeXmlAttribute(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name] ?? '');
}

function absolute(href: string, base: string): string | null {
  if (href.trim() === '') return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
