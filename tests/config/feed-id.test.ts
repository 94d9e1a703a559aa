// Derived feed ids are stored (feed state, items, alerts refer to them): they must never change
// for a URL, whatever the hashing code underneath.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveFeedId } from '../../src/config/feed-id.ts';

describe('deriveFeedId', () => {
  it.each([
    ['https://www.reuters.com/world/rss.xml', 'reuters-com-world-rss-e5d8a4'],
    ['https://feeds.bbci.co.uk/news/world/rss.xml', 'bbci-co-uk-news-world-rss-1796df'],
    ['feeds/local.xml', 'feeds-local-6da924'],
    ['https://example.org/', 'example-org-8198d1'],
  ])('%s → %s (stable across versions)', (url, id) => {
    expect(deriveFeedId(url)).toBe(id);
  });

  it('gives a readable slug and a hash for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (url) => {
        expect(deriveFeedId(url)).toMatch(/^[a-z0-9-]{1,48}-[0-9a-f]{6}$/);
      }),
    );
  });
});
