// parseFeed never throws and never reports an internal error, whatever the bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTERNAL_ERROR, parseFeed } from '../../../src/feeds/parse/parse-feed.ts';
import { normaliseItem } from '../../../src/feeds/normalise/normalise-item.ts';

// Any code point, lone surrogates included (fast-check's 'binary' unit is much slower to generate).
const anyChar = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0x10ffff })).map((c) => String.fromCodePoint(c));

const ctx = { feedTitle: 'f', feedUrl: 'https://f.example/', fetchedAt: new Date('2024-01-01T00:00:00Z') };

async function checkNeverFails(body: Buffer, contentType: string | null): Promise<void> {
  const result = await parseFeed(body, contentType);
  if (result.kind === 'rejected') {
    expect(result.reason.startsWith(INTERNAL_ERROR), result.reason).toBe(false);
    expect(result.reason).not.toContain('\n');
    return;
  }
  for (const item of result.feed.items) normaliseItem(item, ctx);
}

// Pieces of feed documents, shuffled: produces near-feeds that break in many different places.
const fragment = fc.constantFrom(
  '<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0" encoding="x-bogus"?>', '<rss version="2.0">', '</rss>', '<rss>', '<channel>', '</channel>',
  '<item>', '</item>', '<title>', '</title>', '<link>', '</link>', 'http://a.example/?a=1&b=2', '<guid>', '</guid>', '<pubDate>Mon, 05 Jan 2004 12:00:00 EST</pubDate>',
  '<description><![CDATA[<p>x</p>]]></description>', '<![CDATA[', ']]>', '<feed xmlns="http://www.w3.org/2005/Atom">', '</feed>', '<entry>', '</entry>',
  '<link href="/x"/>', '<link/>', '<link>', '<published>bogus</published>', '<updated>2024-01-01T00:00:00Z</updated>', '<id/>', '<content type="xhtml"><div>x</div></content>',
  '<content type="html" mode="base64">!!!</content>', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">', '</rdf:RDF>',
  '<a:feed xmlns:a="http://www.w3.org/2005/Atom">', '<a:entry>', '&amp;', '&', '&hellip;', '&#0;', '&#xD800;', '<!-- c -->', '<!--', '<!DOCTYPE rss [<!ENTITY x "y">]>',
  '&x;', '<', '>', '"', 'text', ' ', '\n', '\u0000', '\uFEFF', '<html>', '{"version":"https://jsonfeed.org/version/1.1","items":[', ']}', '{"id":{},"url":7}',
);
const nearFeed = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));
const contentType = fc.constantFrom(null, 'text/xml', 'application/rss+xml; charset=iso-8859-1', 'text/html; charset=bogus', 'application/json');

describe('parseFeed robustness', () => {
  it('never throws on arbitrary bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), contentType, async (bytes, type) => {
      await checkNeverFails(Buffer.from(bytes), type);
    }), { numRuns: 300 });
  });

  it('never throws on arbitrary strings', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: anyChar, maxLength: 300 }), contentType, async (text, type) => {
      await checkNeverFails(Buffer.from(text, 'utf8'), type);
    }), { numRuns: 300 });
  });

  it('never throws on arbitrary-ish feed XML', async () => {
    await fc.assert(fc.asyncProperty(nearFeed, contentType, async (text, type) => {
      await checkNeverFails(Buffer.from(text, 'utf8'), type);
    }), { numRuns: 1000 });
  });

  it('never throws on UTF-16 and gzip encodings of near-feeds', async () => {
    const { gzipSync } = await import('node:zlib');
    await fc.assert(fc.asyncProperty(nearFeed, fc.constantFrom('utf16le', 'gzip', 'bom16'), async (text, wrap) => {
      const body = wrap === 'gzip' ? gzipSync(Buffer.from(text)) : wrap === 'bom16' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : Buffer.from(text, 'utf16le');
      await checkNeverFails(body, null);
    }), { numRuns: 200 });
  });
});
