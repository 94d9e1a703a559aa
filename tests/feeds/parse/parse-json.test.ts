// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/).
import { describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../../../src/domain/item.ts';
import { parseFeed } from '../../../src/feeds/parse/parse-feed.ts';

async function parseJson(doc: unknown): Promise<ParsedFeed> {
  const result = await parseFeed(Buffer.from(JSON.stringify(doc)), 'application/feed+json');
  if (result.kind !== 'ok') throw new Error(`rejected: ${result.reason}`);
  return result.feed;
}

describe('parseFeed: JSON Feed', () => {
  it('maps a JSON Feed 1.1 item', async () => {
    const feed = await parseJson({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      home_page_url: 'https://j.example/',
      items: [{
        id: 'a1', url: 'https://j.example/a1', title: 'Hello', content_html: '<p>Hi</p>', summary: 'S < T',
        date_published: '2024-05-01T10:00:00Z', date_modified: '2024-05-02T10:00:00Z',
        authors: [{ url: 'https://j.example/x' }, { name: 'Bo' }], tags: ['x', 3, 'y'],
      }],
    });
    expect(feed).toEqual({
      format: 'json', title: 'J', link: 'https://j.example/',
      items: [{
        guid: 'a1', title: 'Hello', link: 'https://j.example/a1', content: '<p>Hi</p>', summary: 'S &lt; T',
        published: '2024-05-01T10:00:00Z', author: 'Bo', categories: ['x', 'y'],
      }],
    });
  });

  it('maps JSON Feed 1.0: author object, content_text, date_modified only, numeric id', async () => {
    const feed = await parseJson({
      version: 'https://jsonfeed.org/version/1',
      items: [{ id: 7, external_url: 'https://else.example/', author: { name: 'Al' }, content_text: 'a & b\n<c>', date_modified: '2017-05-17T08:02:12-07:00' }],
    });
    expect(feed.items[0]).toEqual({
      guid: '7', title: null, link: 'https://else.example/', content: 'a &amp; b<br>&lt;c&gt;', summary: null,
      published: '2017-05-17T08:02:12-07:00', author: 'Al', categories: [],
    });
  });

  it('ignores wrong-typed fields and drops items with nothing usable', async () => {
    const feed = await parseJson({
      version: 'https://jsonfeed.org/version/1.1',
      items: [{ id: { a: 'b' } }, { title: [1, 2], url: 'https://x.example/' }, 'junk', null],
    });
    expect(feed.items).toEqual([{ guid: null, title: null, link: 'https://x.example/', content: null, summary: null, published: null, author: null, categories: [] }]);
  });

  it('accepts a missing or unknown version when there is an items array', async () => {
    expect((await parseJson({ version: 'bogus', items: [{ id: '1' }] })).items).toHaveLength(1);
  });

  it.each([
    ['JSON that is not a feed', '{"hello": "world"}', /^not a feed: JSON without/],
    ['a JSON array', '[1, 2]', /^not a feed: JSON document is not an object$/],
    ['broken JSON', '{"version": ', /^JSON error: /],
  ])('rejects %s', async (_name, body, reason) => {
    const result = await parseFeed(Buffer.from(body), 'application/json');
    expect(result.kind === 'rejected' ? result.reason : 'ok').toMatch(reason);
  });
});
