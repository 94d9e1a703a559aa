// normaliseItem: RawItem → Item (plain text, canonical link, key, UTC date or estimate).
import { describe, expect, it } from 'vitest';
import type { RawItem } from '../../../src/domain/item.ts';
import { normaliseItem } from '../../../src/feeds/normalise/normalise-item.ts';

const ctx = { feedTitle: 'Wire', feedUrl: 'https://wire.example/feeds/world.xml', fetchedAt: new Date('2024-05-01T12:00:00Z') };
const raw: RawItem = { guid: null, title: null, link: null, content: null, summary: null, published: null, author: null, categories: [] };

describe('normaliseItem', () => {
  it('normalises a full item', () => {
    const item = normaliseItem({
      ...raw,
      guid: ' g-1 ',
      title: 'Blast in <b>Lagos</b> &amp;quot;confirmed&amp;quot;',
      link: '/news/1?utm_source=rss#top',
      content: '<p>First para.</p><script>x()</script><p>Second para.</p>',
      summary: 'ignored when there is content',
      published: 'Wed, 01 May 2024 10:30:00 +0200',
    }, ctx);
    expect(item).toEqual({
      key: 'guid:g-1',
      title: 'Blast in Lagos "confirmed"',
      body: 'First para.\n\nSecond para.',
      link: 'https://wire.example/news/1',
      published: new Date('2024-05-01T08:30:00Z'),
      publishedEstimated: false,
      source: 'Wire',
    });
  });

  it('uses the summary when the content is missing or empty', () => {
    expect(normaliseItem({ ...raw, summary: '<i>Short</i>' }, ctx).body).toBe('Short');
    expect(normaliseItem({ ...raw, content: '<p> </p>', summary: 'Short' }, ctx).body).toBe('Short');
  });

  it.each([
    ['missing', null],
    ['unreadable', 'soon'],
    ['more than a day ahead', '2024-05-02T12:00:01Z'],
  ])('estimates the date when it is %s', (_name, published) => {
    const item = normaliseItem({ ...raw, title: 't', published }, ctx);
    expect(item.published).toEqual(ctx.fetchedAt);
    expect(item.publishedEstimated).toBe(true);
  });

  it('accepts a date slightly ahead of the fetch (clock skew)', () => {
    const item = normaliseItem({ ...raw, published: '2024-05-01T13:00:00Z' }, ctx);
    expect(item).toMatchObject({ published: new Date('2024-05-01T13:00:00Z'), publishedEstimated: false });
  });

  it('keys by canonical link, then by a hash of title and date', () => {
    expect(normaliseItem({ ...raw, link: 'HTTPS://Wire.example/a?fbclid=1' }, ctx).key).toBe('link:https://wire.example/a');
    const a = normaliseItem({ ...raw, title: 'T', published: '2024-05-01T10:00:00Z', summary: 'v1' }, ctx);
    const b = normaliseItem({ ...raw, title: 'T', published: '2024-05-01T10:00:00Z', summary: 'v2 (edited)' }, ctx);
    expect(a.key).toMatch(/^hash:/);
    expect(a.key).toBe(b.key);
  });

  it('drops links that are not http(s)', () => {
    expect(normaliseItem({ ...raw, link: 'javascript:alert(1)' }, ctx).link).toBeNull();
  });

  it('titles an untitled item with the start of its text', () => {
    expect(normaliseItem({ ...raw, summary: '<p>Short note</p><p>more</p>' }, ctx).title).toBe('Short note');
    const long = normaliseItem({ ...raw, summary: 'word '.repeat(60) }, ctx).title;
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith('…')).toBe(true);
  });
});
