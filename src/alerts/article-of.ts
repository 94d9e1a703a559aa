// The text a rule sees for an item (docs/rules.md "Text model"): source is the feed title
// plus the link's host, url is the canonical link.
import type { Item } from '../domain/item.ts';
import type { Article } from '../domain/match.ts';

export function articleOf(item: Item): Article {
  return { title: item.title, body: item.body, source: `${item.source} ${hostOf(item.link)}`.trim(), url: item.link ?? '' };
}

function hostOf(link: string | null): string {
  if (link === null) return '';
  try {
    return new URL(link).hostname;
  } catch {
    return '';
  }
}
