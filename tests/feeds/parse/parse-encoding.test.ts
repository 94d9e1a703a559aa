// Character encodings: BOM, XML declaration, HTTP charset, UTF-8 default, legacy charsets.
// Fixture files in tests/fixtures/feeds/ hold the bytes; short cases use Buffer literals.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanXmlText, decodeCharset } from '../../../src/feeds/parse/decode-charset.ts';
import { parseFeed } from '../../../src/feeds/parse/parse-feed.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));

async function feedTitle(body: Buffer, contentType: string | null = null): Promise<string | null> {
  const result = await parseFeed(body, contentType);
  if (result.kind !== 'ok') throw new Error(`rejected: ${result.reason}`);
  return result.feed.title;
}

const rssWithTitle = (head: string, title: Buffer, tail = ''): Buffer =>
  Buffer.concat([Buffer.from(`${head}<rss version="2.0"><channel><title>`), title, Buffer.from(`</title>${tail}</channel></rss>`)]);

describe('parseFeed: encodings from fixture files', () => {
  it.each([
    ['latin1-declared.xml', null, 'Café Zürich à Señor'],
    ['windows-1252-undeclared.xml', 'text/xml; charset=windows-1252', 'It’s 5€'],
    ['utf16le-bom.xml', null, 'Привет мир'],
    ['utf16be-bom.xml', null, '日本語のニュース'],
    ['koi8r-declared.xml', null, 'Привет'],
    ['shift-jis-declared.xml', null, '日本'],
    ['utf8-bom-wrong-declaration.xml', null, 'Ελληνικά'],
  ])('%s', async (name, contentType, title) => {
    expect(await feedTitle(fixture(name), contentType)).toBe(title);
  });
});

describe('decodeCharset: precedence', () => {
  const koi8 = Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]); // "Привет"

  it('uses the HTTP charset when there is no BOM and no declaration', async () => {
    expect(await feedTitle(rssWithTitle('', koi8), 'application/rss+xml; charset="KOI8-R"')).toBe('Привет');
  });

  it('prefers the XML declaration to the HTTP charset', async () => {
    expect(await feedTitle(rssWithTitle('<?xml version="1.0" encoding="koi8-r"?>', koi8), 'text/xml; charset=utf-8')).toBe('Привет');
  });

  it('prefers the BOM to the declaration', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<?xml version="1.0" encoding="windows-1251"?><a>é</a>')]);
    expect(decodeCharset(body, null)).toEqual({ text: '<?xml version="1.0"?><a>é</a>', encoding: 'utf-8' });
  });

  it.each([
    ['big5', [0xa4, 0xa4, 0xa4, 0xe5], '中文'],
    ['euc-kr', [0xc7, 0xd1, 0xb1, 0xb9], '한국'],
    ['gb2312', [0xd6, 0xd0, 0xce, 0xc4], '中文'],
    ['gbk', [0xd6, 0xd0, 0xce, 0xc4], '中文'],
    ['iso-8859-7', [0xc1, 0xe8, 0xde, 0xed, 0xe1], 'Αθήνα'],
    ['windows-1251', [0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0], 'Москва'],
    ['iso-8859-15', [0xa4], '€'],
  ])('decodes a declared %s document', async (encoding, bytes, title) => {
    expect(await feedTitle(rssWithTitle(`<?xml version="1.0" encoding="${encoding}"?>`, Buffer.from(bytes)))).toBe(title);
  });

  it('detects UTF-16 without a BOM from the first "<?"', () => {
    const body = Buffer.from('<?xml version="1.0" encoding="utf-16"?><a>ü</a>', 'utf16le');
    expect(decodeCharset(body, null)).toEqual({ text: '<?xml version="1.0"?><a>ü</a>', encoding: 'utf-16le' });
  });

  it('reads UTF-32 with a BOM', () => {
    const text = '<a>Ω</a>';
    const body = Buffer.alloc(4 + text.length * 4);
    body.writeUInt32LE(0xfeff, 0);
    [...text].forEach((ch, i) => body.writeUInt32LE(ch.codePointAt(0) ?? 0, 4 + i * 4));
    expect(decodeCharset(body, null)).toEqual({ text: '<a>Ω</a>', encoding: 'utf-32le' });
  });

  it('ignores a UTF-16 declaration on an ASCII-readable document', () => {
    expect(decodeCharset(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><a>é</a>'), null).encoding).toBe('utf-8');
  });

  it('falls back to windows-1252 when a document said to be UTF-8 is not', async () => {
    expect(await feedTitle(rssWithTitle('<?xml version="1.0" encoding="utf-8"?>', Buffer.from([0x43, 0x61, 0x66, 0xe9])))).toBe('Café');
  });

  it('treats an unknown charset as UTF-8', () => {
    expect(decodeCharset(Buffer.from('<?xml version="1.0" encoding="x-bogus"?><a>é</a>'), 'text/xml; charset=nope').encoding).toBe('utf-8');
  });
});

describe('cleanXmlText', () => {
  it('removes characters XML 1.0 forbids and keeps tab, newline and astral characters', () => {
    expect(cleanXmlText('a\u0000b\u0001c\u000Bd\tn\ne\uFFFEf\uFFFF😀')).toBe('abcd\tn\nef😀');
  });

  it('keeps the rest of the declaration when dropping its encoding', () => {
    expect(cleanXmlText("<?xml version='1.0' encoding='ISO-8859-1' standalone='yes'?><a/>")).toBe("<?xml version='1.0' standalone='yes'?><a/>");
  });
});
