// canonicalLink and itemKey: cases and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalLink, TRACKING_PARAMETERS } from '../../../src/feeds/normalise/canonical-link.ts';
import { itemKey } from '../../../src/feeds/normalise/item-key.ts';

describe('canonicalLink', () => {
  it.each([
    ['HTTP://News.Example.COM:80/a/B?x=1#top', undefined, 'http://news.example.com/a/B?x=1'],
    ['https://e.example:443/', undefined, 'https://e.example/'],
    ['https://e.example:8443/p', undefined, 'https://e.example:8443/p'],
    ['https://e.example/p?utm_source=rss&id=3&utm_medium=feed&fbclid=x&q=a%20b', undefined, 'https://e.example/p?id=3&q=a%20b'],
    ['https://e.example/p?UTM_Campaign=x&GCLID=y&dclid=1&msclkid=2&mc_cid=3&mc_eid=4', undefined, 'https://e.example/p'],
    ['https://e.example/p?xtor=RSS-1&at_medium=a&at_campaign=b&ocid=c&cmpid=d&_ga=e&igshid=f', undefined, 'https://e.example/p'],
    ['https://e.example/p?ns_mchannel=a&ns_source=b&ns_campaign=c&ns_linkname=d&keep=1', undefined, 'https://e.example/p?keep=1'],
    ['https://e.example/p?b=2&a=1&b=3', undefined, 'https://e.example/p?b=2&a=1&b=3'],
    ['https://e.example/p?', undefined, 'https://e.example/p'],
    ['/news/1?utm_source=x', 'https://feeds.example/rss', 'https://feeds.example/news/1'],
    ['story.html', 'https://feeds.example/world/rss.xml', 'https://feeds.example/world/story.html'],
    ['  https://e.example/a b  ', undefined, 'https://e.example/a%20b'],
    ['https://BÜCHER.example/', undefined, 'https://xn--bcher-kva.example/'],
  ])('%s', (href, base, expected) => {
    expect(canonicalLink(href, base)).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'mailto:a@b.example', 'ftp://f.example/x', 'data:text/html,x', 'not a url', '', 'http://'])(
    'rejects %s',
    (href) => {
      expect(canonicalLink(href)).toBeNull();
    },
  );

  it('documents its tracking list', () => {
    expect(TRACKING_PARAMETERS).toEqual(expect.arrayContaining(['utm_*', 'fbclid', 'gclid', 'xtor', 'ns_campaign']));
  });
});

const paramName = fc.oneof(
  fc.constantFrom('utm_source', 'UTM_medium', 'utm_x', 'fbclid', 'gclid', 'id', 'q', 'page', 'a%20b', 'p+q'),
  fc.stringMatching(/^[a-z_]{1,8}$/),
);
const param = fc.tuple(paramName, fc.stringMatching(/^[A-Za-z0-9%._~-]{0,6}$/)).map(([k, v]) => `${k}=${v}`);
const url = fc.tuple(
  fc.constantFrom('http', 'https', 'HTTPS'),
  fc.webAuthority(),
  fc.webPath(),
  fc.array(param, { maxLength: 5 }),
  fc.option(fc.webFragments(), { nil: undefined }),
).map(([scheme, authority, path, params, fragment]) => `${scheme}://${authority}${path}${params.length > 0 ? `?${params.join('&')}` : ''}${fragment === undefined ? '' : `#${fragment}`}`);

describe('canonicalLink properties', () => {
  it('is idempotent and drops fragments and utm_*/fbclid/gclid', () => {
    fc.assert(
      fc.property(fc.oneof(url, fc.webUrl({ withQueryParameters: true, withFragments: true })), (href) => {
        const once = canonicalLink(href);
        if (once === null) return;
        expect(canonicalLink(once)).toBe(once);
        expect(once).not.toContain('#');
        const names = new URL(once).search.slice(1).split('&').map((p) => decodeURIComponent(p.split('=')[0] ?? '').toLowerCase());
        expect(names.filter((n) => n.startsWith('utm_') || n === 'fbclid' || n === 'gclid')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), (href, base) => {
      const out = canonicalLink(href, base);
      expect(out === null || /^https?:\/\//.test(out)).toBe(true);
    }));
  });
});

describe('itemKey', () => {
  const base = { guid: null, link: null, title: null, published: null, body: '' };

  it('prefers the trimmed guid, then the link, then a hash', () => {
    expect(itemKey({ ...base, guid: '  abc ', link: 'https://l.example/' })).toBe('guid:abc');
    expect(itemKey({ ...base, guid: '   ', link: 'https://l.example/' })).toBe('link:https://l.example/');
    expect(itemKey({ ...base, title: 'T', published: 'D' })).toMatch(/^hash:[0-9a-f]{32}$/);
  });

  it('never lets kinds collide', () => {
    expect(itemKey({ ...base, guid: 'https://l.example/' })).not.toBe(itemKey({ ...base, link: 'https://l.example/' }));
  });

  it('hashes title and date, and the body only when both are missing', () => {
    const a = itemKey({ ...base, title: 'T', published: 'D', body: 'one' });
    expect(itemKey({ ...base, title: 'T', published: 'D', body: 'two' })).toBe(a);
    expect(itemKey({ ...base, title: 'T', published: 'E' })).not.toBe(a);
    expect(itemKey({ ...base, body: 'one' })).not.toBe(itemKey({ ...base, body: 'two' }));
  });

  it('is deterministic', () => {
    const input = fc.record({
      guid: fc.option(fc.string()), link: fc.option(fc.string()), title: fc.option(fc.string()), published: fc.option(fc.string()), body: fc.string(),
    });
    fc.assert(fc.property(input, (i) => {
      expect(itemKey(i)).toBe(itemKey({ ...i }));
      expect(itemKey(i)).toMatch(/^(guid|link|hash):/);
    }));
  });
});
