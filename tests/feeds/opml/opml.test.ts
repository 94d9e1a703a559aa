// OPML: what a reader writes is read back the same (folders included); broken and hostile files
// are refused with their line, and the parser never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_OPML_DEPTH, parseOpml, type OpmlFeed } from '../../../src/feeds/opml/opml-parse.ts';
import { renderOpml } from '../../../src/feeds/opml/opml-write.ts';

const CREATED = new Date('2026-12-01T00:00:00Z');

// Text as a person would type it: any printable character, markup and quotes included, trimmed.
const printable = fc
  .string({ unit: fc.oneof(fc.constantFrom('&', '<', '>', '"', "'", '/', ',', ' ', '\t', 'é', '日', '😀', ']]>'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 20 })
  .map((s) => s.trim())
  .filter((s) => s !== '' && !/[^\P{Cc}\t\n\r]/u.test(s));
const url = fc.webUrl({ withQueryParameters: true, withFragments: true });
const feed: fc.Arbitrary<OpmlFeed> = fc.record({ url, title: fc.option(printable, { nil: null }), category: fc.array(printable, { maxLength: 3 }) });
const byKey = (feeds: readonly OpmlFeed[]): string[] => feeds.map((f) => JSON.stringify([f.url, f.title, f.category])).sort();

describe('renderOpml then parseOpml', () => {
  it('gives back every feed with its title and folder path', () => {
    fc.assert(
      fc.property(fc.array(feed, { maxLength: 12 }), printable, (feeds, title) => {
        const parsed = parseOpml(renderOpml(title, feeds, CREATED));
        expect(parsed).toMatchObject({ kind: 'ok', title });
        if (parsed.kind !== 'ok') return;
        expect(byKey(parsed.feeds)).toEqual(byKey(feeds.map((f) => ({ ...f, title: f.title ?? f.url }))));
      }),
      { numRuns: 300 },
    );
  });

  it('drops the characters XML cannot carry instead of writing a broken file', () => {
    const parsed = parseOpml(renderOpml('t\u0000', [{ url: 'https://a.example/feed', title: 'bell\u0007 and nul\u0000', category: ['x\u001b'] }], CREATED));
    expect(parsed).toEqual({ kind: 'ok', title: 't', feeds: [{ url: 'https://a.example/feed', title: 'bell and nul', category: ['x'] }] });
  });
});

describe('parseOpml', () => {
  it('never throws, and a refusal names a line of the file', () => {
    const fragment = fc.constantFrom(
      '<?xml version="1.0"?>', '<opml version="2.0">', '</opml>', '<head>', '</head>', '<title>', '</title>', '<body>', '</body>',
      '<outline text="a">', '</outline>', '<outline xmlUrl="https://x.example/f" text="R&D"/>', '<outline xmlUrl=""/>', '&amp;', '&', '&bogus;',
      '<!DOCTYPE opml [<!ENTITY x "yyyy">]>', '&x;', '<![CDATA[', ']]>', '<', '>', '"', '\n', ' ', 'text', '\u0000', '<html>',
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fragment, { maxLength: 40 }).map((p) => p.join(''))), (text) => {
        const parsed = parseOpml(text);
        if (parsed.kind === 'invalid') {
          expect(parsed.line).toBeGreaterThanOrEqual(1);
          expect(parsed.line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length + 1);
          expect(parsed.reason).not.toContain('\n');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps nested folders, reads the category attribute of top-level feeds, and skips empty outlines', () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>My feeds</title></head><body>
  <outline text="News">
    <outline text="World" title="World news">
      <outline text="Wire" xmlUrl="https://wire.example/rss" type="rss"/>
    </outline>
    <outline title="Local" xmlUrl="https://local.example/atom"/>
  </outline>
  <outline text="Loose" xmlUrl="https://loose.example/feed" category="/Tech/AI,/Other"/>
  <outline text="a note, not a feed"/>
</body></opml>`;
    expect(parseOpml(text)).toEqual({
      kind: 'ok',
      title: 'My feeds',
      feeds: [
        { url: 'https://wire.example/rss', title: 'Wire', category: ['News', 'World news'] },
        { url: 'https://local.example/atom', title: 'Local', category: ['News'] },
        { url: 'https://loose.example/feed', title: 'Loose', category: ['Tech', 'AI'] },
      ],
    });
  });

  it('accepts the bare "&" real exports put in titles', () => {
    const text = '<opml version="1.0"><body><outline title="BBC News - Science & Environment" xmlUrl="http://feeds.example/a?x=1&y=2"/></body></opml>';
    expect(parseOpml(text)).toEqual({ kind: 'ok', title: null, feeds: [{ url: 'http://feeds.example/a?x=1&y=2', title: 'BBC News - Science & Environment', category: [] }] });
  });

  it('expands no entity a DOCTYPE declares (no billion laughs, no external files)', () => {
    const text = '<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;"><!ENTITY c SYSTEM "file:///etc/passwd">]>\n<opml><body>\n<outline text="&b;&c;" xmlUrl="https://a.example/f"/></body></opml>';
    expect(parseOpml(text)).toEqual({ kind: 'ok', title: null, feeds: [{ url: 'https://a.example/f', title: '&b;&c;', category: [] }] });
  });

  const deep = `<opml version="2.0"><body>\n${'<outline text="f">\n'.repeat(MAX_OPML_DEPTH + 1)}${'</outline>'.repeat(MAX_OPML_DEPTH + 1)}</body></opml>`;
  it.each([
    { case: 'an HTML page', text: '<!DOCTYPE html>\n<html><body><p>hi</p></body></html>', line: 2, reason: 'not OPML: the root element is <html>, expected <opml>' },
    { case: 'JSON', text: '{"feeds": []}', line: 1, reason: 'not well-formed XML: Non-whitespace before first tag.' },
    { case: 'an RSS feed', text: '<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', line: 2, reason: 'not OPML: the root element is <rss>, expected <opml>' },
    { case: 'an empty file', text: '', line: 1, reason: 'not OPML: no root element' },
    { case: 'no body', text: '<opml version="2.0">\n<head/>\n</opml>', line: 3, reason: 'not OPML: no <body> element' },
    { case: 'an outline left open', text: '<opml version="2.0"><body>\n<outline text="a">\n<outline xmlUrl="https://a.example/f"/>\n</body></opml>', line: 4, reason: 'not well-formed XML: Unexpected close tag' },
    { case: 'an unquoted attribute', text: '<opml version="2.0"><body>\n\n<outline xmlUrl=https://a.example/f/>\n</body></opml>', line: 3, reason: 'not well-formed XML: Unquoted attribute value' },
    { case: `folders nested deeper than ${MAX_OPML_DEPTH}`, text: deep, line: MAX_OPML_DEPTH + 2, reason: `outlines nested more than ${MAX_OPML_DEPTH} deep` },
  ])('refuses $case with its line', ({ text, line, reason }) => {
    expect(parseOpml(text)).toEqual({ kind: 'invalid', line, reason });
  });
});
