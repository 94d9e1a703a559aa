// htmlToText and entity repair: cases from real feeds, plus properties checked with fast-check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToLine, htmlToText } from '../../../src/feeds/normalise/html-to-text.ts';
import { repairEntities } from '../../../src/feeds/normalise/repair-entities.ts';
import { repairMojibake } from '../../../src/feeds/normalise/repair-mojibake.ts';

// Any code point, lone surrogates included (fast-check's 'binary' unit is much slower to generate).
const anyChar = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0x10ffff })).map((c) => String.fromCodePoint(c));

describe('htmlToText', () => {
  it.each([
    ['paragraphs', '<p>One <b>two</b></p><p>Three</p>', 'One two\n\nThree'],
    ['line breaks', 'a<br>b<br/>c<BR />d', 'a\nb\nc\nd'],
    ['at most one blank line', 'a<br><br><br><br>b', 'a\n\nb'],
    ['headings and lists', '<h2>Title</h2><ul><li>x</li><li>y</li></ul>', 'Title\n\nx\n\ny'],
    ['table cells', '<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>', 'a b\n\nc'],
    ['blockquote', 'said<blockquote>quote</blockquote>after', 'said\nquote\nafter'],
    ['source newlines are kept', 'one\ntwo\r\n  three\n\n\n\nfour', 'one\ntwo\nthree\n\nfour'],
    ['scripts and styles', 'a<script type="x">alert("<p>")</script>b<style>p{}</style>c<noscript>n</noscript>d', 'abcd'],
    ['iframes', 'a<iframe src="x">fallback</iframe>b', 'ab'],
    ['an unclosed script hides the rest', 'visible<script>var x = 1;', 'visible'],
    ['comments and CDATA markers', 'a<!-- hidden <p> -->b <![CDATA[c]]>', 'ab c'],
    ['an unterminated tag', 'text <a href="x', 'text'],
    ['lone angle brackets are text', '1 < 2 > 0', '1 < 2 > 0'],
    ['named and numeric entities', '&eacute;t&eacute; &#8217; &#x2014; &copy; &nbsp;x', 'été ’ — © x'],
    ['escaped markup stays text', '&lt;b&gt;bold&lt;/b&gt;', '<b>bold</b>'],
    ['control and zero-width characters', 'a\u0000b\u0007c\u200Bd\u200De\uFEFFf\u00ADg\u202Eh', 'abcdefgh'],
    ['non-breaking and odd spaces', 'a\u00A0\u2003 b\tc', 'a b c'],
  ])('%s', (_name, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it.each([
    ['double-encoded quote', 'He said &amp;quot;no&amp;quot;', 'He said "no"'],
    ['amp chains', 'AT&amp;amp;amp;T', 'AT&T'],
    ['double-encoded apostrophe', 'it&amp;#8217;s', 'it’s'],
    ['quot; without ampersand', 'He said quot;noquot;', 'He said "no"'],
    [',quot; from a broken escaper', 'He said ,quot;no,quot;', 'He said "no"'],
    ['#39; without ampersand', 'Don#39;t stop', "Don't stop"],
    ['other numeric fragments are left alone', 'issue #123; and #8;', 'issue #123; and #8;'],
    ['mojibake', 'itâ€™s cafÃ© â€” ok', 'it’s café — ok'],
  ])('repairs %s', (_name, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('htmlToLine joins lines', () => {
    expect(htmlToLine('<p>Breaking:</p><p>news</p>')).toBe('Breaking: news');
  });
});

describe('repairEntities and repairMojibake', () => {
  it('leave clean text alone', () => {
    for (const text of ['plain', 'naïve café à côté', 'Ελληνικά', '5 & 6', 'quotation; quota']) {
      expect(repairMojibake(repairEntities(text))).toBe(text);
    }
  });
});

// Text that holds no markup or entity syntax, for properties that need it.
const plainChar = fc.constantFrom(...'abcxyz ABC 019 .,;:!?-\'"\n\téü€中\u00A0#'.split(''));
const plainText = fc.array(plainChar, { maxLength: 40 }).map((cs) => cs.join(''));
const tagName = fc.constantFrom('p', 'div', 'br', 'li', 'h1', 'tr', 'td', 'blockquote', 'b', 'i', 'a', 'span', 'img', 'ul');
const tag = fc.tuple(tagName, fc.boolean(), fc.constantFrom('', ' class="x"', ' href="http://a.example/?a=1&b=2"', ' / ')).map(([name, closing, attrs]) => (closing ? `</${name}>` : `<${name}${attrs}>`));
const hidden = fc.tuple(fc.constantFrom('script', 'style', 'noscript', 'iframe', 'SCRIPT'), plainText).map(([name, body]) => `<${name} type="t">SECRET${body.replace(/</g, '')}SECRET</${name}>`);
const htmlish = fc.array(fc.oneof(plainText, tag, hidden, fc.constantFrom('&amp;', '&nbsp;', '&#8217;', '&quot;', '<!-- c -->', '\r\n', '\u0000', '\u200B')), { maxLength: 25 }).map((parts) => parts.join(''));

// C0 controls except \n, DEL, zero-width space, BOM.
// eslint-disable-next-line no-control-regex -- the characters under test
const CONTROL_OR_INVISIBLE = /[\u0000-\u0009\u000B-\u001F\u007F\u200B\uFEFF]/;

describe('htmlToText properties', () => {
  it('never outputs script contents, tags, control characters or more than one blank line', () => {
    fc.assert(
      fc.property(htmlish, (html) => {
        const text = htmlToText(html);
        expect(text).not.toContain('SECRET');
        expect(text).not.toMatch(/<\/?[a-zA-Z]/);
        expect(text).not.toMatch(CONTROL_OR_INVISIBLE);
        expect(text).not.toMatch(/\n\n\n/);
        expect(text).toBe(text.trim());
      }),
      { numRuns: 500 },
    );
  });

  it('never outputs control characters or runs of blank lines on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyChar, maxLength: 200 }), (input) => {
        const text = htmlToText(input);
        expect(text).not.toMatch(CONTROL_OR_INVISIBLE);
        expect(text).not.toMatch(/\n\n\n/);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent on its own output when that holds no "<" or "&"', () => {
    fc.assert(
      fc.property(fc.oneof(htmlish, fc.string({ unit: anyChar, maxLength: 100 })), (html) => {
        const once = htmlToText(html);
        fc.pre(!once.includes('<') && !once.includes('&'));
        expect(htmlToText(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});
