// Feed autodiscovery links in HTML: what counts, how addresses resolve, and hostile pages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findFeedLinks, MAX_FEED_LINKS } from '../../../src/feeds/discover/find-feed-links.ts';

const PAGE = 'https://news.example/section/page.html';

describe('findFeedLinks', () => {
  it.each([
    { case: 'RSS with a title', html: '<link rel="alternate" type="application/rss+xml" title="All news" href="/rss.xml">', links: [['https://news.example/rss.xml', 'All news']] },
    { case: 'Atom, attributes in any order and case', html: "<LINK HREF='atom.xml' TYPE='Application/Atom+XML' REL='Alternate'>", links: [['https://news.example/section/atom.xml', null]] },
    { case: 'JSON Feed, unquoted, self-closing', html: '<link rel=alternate type=application/feed+json href=https://cdn.example/f.json />', links: [['https://cdn.example/f.json', null]] },
    { case: 'rel with several tokens, type with a charset', html: '<link rel="feed alternate" type="application/rss+xml; charset=utf-8" href="/f">', links: [['https://news.example/f', null]] },
    { case: 'entities in the address', html: '<link rel="alternate" type="application/rss+xml" href="/rss?a=1&amp;b=2">', links: [['https://news.example/rss?a=1&b=2', null]] },
    { case: 'relative to <base href>', html: '<base href="https://other.example/dir/"><link rel="alternate" type="application/rss+xml" href="feed">', links: [['https://other.example/dir/feed', null]] },
    { case: 'the same feed twice', html: '<link rel="alternate" type="application/rss+xml" href="/a"><link rel="alternate" type="application/rss+xml" href="https://news.example/a">', links: [['https://news.example/a', null]] },
    { case: 'a stylesheet, an oEmbed and a WordPress API link', html: '<link rel="stylesheet" href="/s.css"><link rel="alternate" type="application/json+oembed" href="/o"><link rel="alternate" type="application/json" href="/wp-json/">', links: [] },
    { case: 'a link inside a comment', html: '<!-- <link rel="alternate" type="application/rss+xml" href="/old"> -->', links: [] },
    { case: 'javascript: and data: addresses', html: '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)"><link rel="alternate" type="application/rss+xml" href="data:text/xml,<rss/>">', links: [] },
    { case: 'an empty href', html: '<link rel="alternate" type="application/rss+xml" href="">', links: [] },
  ])('$case', ({ html, links }) => {
    expect(findFeedLinks(`<html><head>${html}</head><body></body></html>`, PAGE).map((l) => [l.url, l.title])).toEqual(links);
  });

  it(`keeps at most ${MAX_FEED_LINKS} links from a page listing thousands`, () => {
    const html = Array.from({ length: 5000 }, (_, i) => `<link rel="alternate" type="application/rss+xml" href="/f${i}">`).join('');
    expect(findFeedLinks(html, PAGE)).toHaveLength(MAX_FEED_LINKS);
  });

  it('never throws, and returns only absolute http(s) addresses', () => {
    const piece = fc.constantFrom('<link', '<base', ' rel="alternate"', ' type="application/rss+xml"', ' href=', '"', "'", '>', '/>', '<!--', '-->', '&amp;', '&#x', 'http://[::1', '//x', ' ', 'a');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(piece, { maxLength: 30 }).map((p) => p.join(''))), (html) => {
        for (const link of findFeedLinks(html, PAGE)) expect(link.url).toMatch(/^https?:\/\//);
      }),
      { numRuns: 1000 },
    );
  });
});
