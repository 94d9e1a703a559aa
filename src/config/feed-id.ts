// Derives a stable, readable feed id from its URL when the config gives none.
import crypto from 'node:crypto';

// One-shot hashing (Node 20.12+) is several times cheaper per call than a Hash object: a config of
// 50,000 feeds without ids derives 50,000 of them on every command.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

export function deriveFeedId(url: string): string {
  const hash = sha256Hex(url).slice(0, 6);
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
