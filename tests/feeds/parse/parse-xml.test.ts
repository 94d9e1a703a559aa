// Parser quirks, one small inline document each: RSS 0.91/2.0, RDF, Atom 0.3/1.0, repairs, rejections.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../../../src/domain/item.ts';
import { parseFeed } from '../../../src/feeds/parse/parse-feed.ts';

async function parseOk(xml: string, contentType: string | null = null): Promise<ParsedFeed> {
  const result = await parseFeed(Buffer.from(xml, 'utf8'), contentType);
  if (result.kind !== 'ok') throw new Error(`expected a feed, got rejected: ${result.reason}`);
  return result.feed;
}

async function rejection(body: string | Buffer): Promise<string> {
  const result = await parseFeed(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, null);
  if (result.kind !== 'rejected') throw new Error(`expected a rejection, got a ${result.feed.format} feed`);
  return result.reason;
}

describe('parseFeed: RSS', () => {
  it('maps an RSS 2.0 item to RawItem', async () => {
    const feed = await parseOk(`<?xml version="1.0"?>
      <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel><title>Wire</title><link>https://wire.example/</link>
          <item>
            <title>Blast in &lt;b&gt;Lagos&lt;/b&gt;</title>
            <link>https://wire.example/a?utm_source=rss</link>
            <guid isPermaLink="false"> abc-1 </guid>
            <description>Short &amp; sweet</description>
            <content:encoded><![CDATA[<p>Full <b>text</b> & more</p>]]></content:encoded>
            <pubDate>Tue, 05 Apr 2022 10:04:42 GMT</pubDate>
            <dc:creator>Jane Roe</dc:creator>
            <category>World</category><category domain="x">Africa</category><category>World</category>
          </item>
        </channel>
      </rss>`);
    expect(feed).toMatchObject({ format: 'rss', title: 'Wire', link: 'https://wire.example/' });
    expect(feed.items).toEqual([
      {
        guid: ' abc-1 ',
        title: 'Blast in <b>Lagos</b>',
        link: 'https://wire.example/a?utm_source=rss',
        content: '<p>Full <b>text</b> & more</p>',
        summary: 'Short & sweet',
        published: 'Tue, 05 Apr 2022 10:04:42 GMT',
        author: 'Jane Roe',
        categories: ['World', 'Africa'],
      },
    ]);
  });

  it('reads RSS 0.91 (no guid, no date)', async () => {
    const feed = await parseOk(`<rss version="0.91"><channel><title>Old</title>
      <item><title>One</title><link>http://old.example/1</link><description>d</description></item></channel></rss>`);
    expect(feed.format).toBe('rss');
    expect(feed.items[0]).toMatchObject({ guid: null, title: 'One', link: 'http://old.example/1', published: null, summary: 'd' });
  });

  it('treats <rss> without a version as RSS 2.0', async () => {
    const feed = await parseOk('<rss><channel><item><title>t</title></item></channel></rss>');
    expect(feed.items.map((i) => i.title)).toEqual(['t']);
  });

  it('uses a permalink guid as the link when there is no <link>', async () => {
    const feed = await parseOk(`<rss version="2.0"><channel>
      <item><guid>https://a.example/1</guid></item>
      <item><guid isPermaLink="false">https://a.example/2</guid></item></channel></rss>`);
    expect(feed.items.map((i) => i.link)).toEqual(['https://a.example/1', null]);
  });

  it('keeps naked markup in <description> as HTML', async () => {
    const feed = await parseOk('<rss version="2.0"><channel><item><description><p>Hello <b>there</b></p></description></item></channel></rss>');
    expect(feed.items[0]?.summary).toContain('<b>there</b>');
  });

  it('returns an empty feed for <rss> without a channel', async () => {
    const feed = await parseOk('<rss version="2.0">\n</rss>');
    expect(feed).toEqual({ format: 'rss', title: null, link: null, items: [] });
  });
});

describe('parseFeed: RDF (RSS 0.90 / 1.0)', () => {
  it('reads RSS 1.0 with dc:date and rdf:about', async () => {
    const feed = await parseOk(`<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="http://r.example/"><title>RDF site</title><link>http://r.example/</link></channel>
        <item rdf:about="http://r.example/1"><title>First</title><link>http://r.example/1</link>
          <dc:date>2002-09-05T10:00:00+02:00</dc:date><dc:subject>Politics</dc:subject></item>
      </rdf:RDF>`);
    expect(feed.format).toBe('rdf');
    expect(feed.title).toBe('RDF site');
    expect(feed.items[0]).toMatchObject({ guid: 'http://r.example/1', title: 'First', published: '2002-09-05T10:00:00+02:00', categories: ['Politics'] });
  });

  it('reads RSS 1.0 whose elements carry a prefix', async () => {
    const feed = await parseOk(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/">
      <rss:channel rdf:about="http://p.example/"><rss:title>Prefixed</rss:title></rss:channel>
      <rss:item rdf:about="http://p.example/1"><rss:title>Item</rss:title></rss:item></rdf:RDF>`);
    expect(feed.title).toBe('Prefixed');
    expect(feed.items.map((i) => i.title)).toEqual(['Item']);
  });
});

describe('parseFeed: Atom', () => {
  it('maps an Atom 1.0 entry, picking the alternate link and the published date', async () => {
    const feed = await parseOk(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Atomic</title>
      <link rel="self" href="https://at.example/feed"/><link href="https://at.example/"/>
      <entry><id>tag:at.example,2024:1</id><title type="html">A &amp;lt;i&amp;gt;b&amp;lt;/i&amp;gt;</title>
        <link rel="replies" href="https://at.example/1#comments"/><link rel="alternate" type="text/html" href="https://at.example/1"/>
        <published>2024-03-01T10:00:00Z</published><updated>2024-03-02T10:00:00Z</updated>
        <author><name>Ann</name></author><category term="tech"/><category term="ai" label="AI"/>
        <summary>Plain &lt;summary&gt;</summary>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Rich <b>content</b></p></div></content>
      </entry></feed>`);
    expect(feed).toMatchObject({ format: 'atom', title: 'Atomic', link: 'https://at.example/' });
    const item = feed.items[0];
    expect(item).toMatchObject({ guid: 'tag:at.example,2024:1', link: 'https://at.example/1', published: '2024-03-01T10:00:00Z', author: 'Ann', categories: ['tech', 'ai'] });
    expect(item?.title).toBe('A &lt;i&gt;b&lt;/i&gt;');
    // type="text" is escaped so that htmlToText shows the angle brackets as text.
    expect(item?.summary).toBe('Plain &lt;summary&gt;');
    expect(item?.content).toContain('Rich');
    expect(item?.content).toContain('content');
  });

  it('falls back to updated, and reads Atom 0.3 issued and base64 content', async () => {
    const feed = await parseOk(`<feed version="0.3" xmlns="http://purl.org/atom/ns#">
      <entry><title>u</title><updated>2024-01-02T00:00:00Z</updated></entry>
      <entry><title>i</title><issued>2004-01-02T00:00:00Z</issued><link>http://old.example/i</link>
        <content type="text/html" mode="base64">${Buffer.from('<p>decoded</p>').toString('base64')}</content></entry>
    </feed>`);
    expect(feed.items.map((i) => i.published)).toEqual(['2024-01-02T00:00:00Z', '2004-01-02T00:00:00Z']);
    expect(feed.items[1]?.content).toBe('<p>decoded</p>');
    expect(feed.items[1]?.link).toBe('http://old.example/i');
  });

  it('keeps the feed when an entry date is unreadable', async () => {
    const feed = await parseOk('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><published>someday</published></entry></feed>');
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]?.published).toBeNull();
  });

  it('reads an Atom feed whose elements carry a prefix', async () => {
    const feed = await parseOk(`<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>NS</a:title>
      <a:entry><a:id>1</a:id><a:title>Entry</a:title><a:link href="https://ns.example/1"/></a:entry></a:feed>`);
    expect(feed.title).toBe('NS');
    expect(feed.items[0]).toMatchObject({ guid: '1', title: 'Entry', link: 'https://ns.example/1' });
  });
});

describe('parseFeed: repairs of ill-formed XML', () => {
  it.each([
    ['a bare ampersand', '<rss version="2.0"><channel><item><title>Q&A</title></item></channel></rss>', 'Q&A'],
    ['an HTML-only entity', '<rss version="2.0"><channel><item><title>Wait&hellip;</title></item></channel></rss>', 'Wait…'],
    ['an unknown entity', '<rss version="2.0"><channel><item><title>&bogus; x</title></item></channel></rss>', '&bogus; x'],
    ['a truncated end tag', '<rss version="2.0"><channel><item><title>cut</title></item></channel></rss', 'cut'],
    ['a document cut mid-item', '<rss version="2.0"><channel><item><title>first</title></item><item><title>sec', 'first'],
    ['a stray end tag', '<rss version="2.0"><channel><item><title>ok</title></b></item></channel></rss>', 'ok'],
    ['text after the root', '<rss version="2.0"><channel><item><title>t</title></item></channel></rss><!-- x --> junk', 't'],
  ])('recovers from %s', async (_name, xml, title) => {
    const feed = await parseOk(xml);
    expect(feed.items[0]?.title).toBe(title);
  });

  it('does not touch ampersands inside CDATA', async () => {
    const feed = await parseOk('<rss version="2.0"><channel><item><title>a & b</title><description><![CDATA[x &amp; y]]></description></item></channel></rss>');
    expect(feed.items[0]?.summary).toBe('x &amp; y');
  });

  it('skips junk before the XML declaration', async () => {
    const feed = await parseOk('Warning: something in /var/www/feed.php\n<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>');
    expect(feed.title).toBe('T');
  });

  it('unpacks a gzip body that arrived without Content-Encoding', async () => {
    const body = gzipSync(Buffer.from('<rss version="2.0"><channel><title>Zipped</title></channel></rss>'));
    const result = await parseFeed(body, 'application/octet-stream');
    expect(result).toMatchObject({ kind: 'ok', feed: { title: 'Zipped' } });
  });
});

describe('parseFeed: rejections', () => {
  it.each([
    ['an empty body', '', /^empty document$/],
    ['whitespace only', '  \n\t ', /^empty document$/],
    ['a prolog without a root', '<?xml version="1.0"?><!-- nothing -->', /^empty document/],
    ['an HTML page', '<!DOCTYPE html><html><head><title>Hi</title></head><body>x</body></html>', /^not a feed: looks like an HTML page$/],
    ['an HTML fragment', '<head><title>Moved</title></head><body>x</body>', /^not a feed: looks like an HTML page$/],
    ['an XHTML page', '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', /^not a feed: looks like an HTML page$/],
    ['another XML vocabulary', '<catalog><book/></catalog>', /^not a feed: root element <catalog>$/],
    ['plain text', 'hello world', /^not a feed: neither XML nor JSON$/],
    ['broken XML beyond repair', '<rss version="2.0"><channel><item><title lang=en>x</title></item></channel></rss>', /^XML error at line 1: /],
    ['a broken gzip body', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01]), /^gzip/],
  ])('rejects %s with a one-line reason', async (_name, body, reason) => {
    const text = await rejection(body);
    expect(text).toMatch(reason);
    expect(text).not.toContain('\n');
  });
});
