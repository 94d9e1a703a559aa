// Derives a stable, readable feed id from its URL when the config gives none.
import { createHash } from 'node:crypto';

export function deriveFeedId(url: string): string {
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 6);
  let readable = url;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
      readable = parsed.host.replace(/^(www|feeds?|rss)\./, '') + parsed.pathname;
    }
  } catch {
    // a file path: keep it as written
  }
  const slug = readable
    .toLowerCase()
    .replace(/\.(xml|rss|atom|json)$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return `${slug || 'feed'}-${hash}`;
}
