// Turns a feed body (bytes) into a string: BOM, else XML declaration, else HTTP charset, else UTF-8
// (XML 1.0 appendix F), decoded with iconv-lite; then makes the text safe for a strict XML parser.
import iconv from 'iconv-lite';

export interface DecodedText {
  readonly text: string;
  /** The encoding actually used, as iconv-lite names it (e.g. "utf-8", "windows-1252"). */
  readonly encoding: string;
}

interface Sniffed {
  readonly encoding: string;
  readonly bomLength: number;
}

// Order matters: the UTF-32 LE BOM starts with the UTF-16 LE one.
const BOMS: readonly (readonly [readonly number[], string])[] = [
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
];

// Without a BOM, the first "<" (or "<?") tells the code unit width (XML 1.0 appendix F.1).
const FIRST_LT: readonly (readonly [readonly number[], string])[] = [
  [[0x00, 0x00, 0x00, 0x3c], 'utf-32be'],
  [[0x3c, 0x00, 0x00, 0x00], 'utf-32le'],
  [[0x00, 0x3c, 0x00, 0x3f], 'utf-16be'],
  [[0x3c, 0x00, 0x3f, 0x00], 'utf-16le'],
];

const DECLARED = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;
const CHARSET = /charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i;
const DECLARATION_ENCODING = /^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*(["'])[^"']*\2/;
// Characters XML 1.0 (section 2.2) forbids, plus the BOM left at the start by some decoders.
const ILLEGAL_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|\uFEFF/gu;

/** Decodes the body; never throws (unknown charsets fall back to UTF-8). */
export function decodeCharset(body: Buffer, contentType: string | null): DecodedText {
  const sniffed = sniffEncoding(body, contentType);
  const bytes = body.subarray(sniffed.bomLength);
  let encoding = sniffed.encoding;
  // Feeds that claim (or default to) UTF-8 but are really Latin-1/windows-1252 are common;
  // a strict UTF-8 check catches them (a real UTF-8 text almost never fails it).
  if (encoding === 'utf-8' && sniffed.bomLength === 0 && !isValidUtf8(bytes)) encoding = 'windows-1252';
  const text = iconv.decode(bytes, encoding, { stripBOM: true });
  return { text: cleanXmlText(text), encoding };
}

/** Drops the declaration's encoding (the text is already decoded) and characters illegal in XML. */
export function cleanXmlText(text: string): string {
  const head = text.slice(0, 1024).replace(DECLARATION_ENCODING, '$1');
  return (head + text.slice(1024)).replace(ILLEGAL_XML_CHARS, '');
}

function sniffEncoding(body: Buffer, contentType: string | null): Sniffed {
  for (const [bom, encoding] of BOMS) {
    if (startsWith(body, bom)) return { encoding, bomLength: bom.length };
  }
  for (const [prefix, encoding] of FIRST_LT) {
    if (startsWith(body, prefix)) return { encoding, bomLength: 0 };
  }
  const declared = DECLARED.exec(body.subarray(0, 512).toString('latin1'))?.[1];
  // An ASCII-readable declaration cannot be UTF-16/32: the document was transcoded and the
  // declaration left behind, so it is ignored.
  if (declared !== undefined && !/^(utf-?16|utf-?32|ucs-?2|ucs-?4)/i.test(declared)) {
    const known = knownEncoding(declared);
    if (known !== null) return { encoding: known, bomLength: 0 };
  }
  const charset = contentType === null ? undefined : CHARSET.exec(contentType)?.[1];
  if (charset !== undefined) {
    const known = knownEncoding(charset);
    if (known !== null) return { encoding: known, bomLength: 0 };
  }
  return { encoding: 'utf-8', bomLength: 0 };
}

function knownEncoding(label: string): string | null {
  const lower = label.toLowerCase();
  // WHATWG Encoding: these labels mean windows-1252 in practice (its superset of printable characters).
  if (lower === 'iso-8859-1' || lower === 'latin1' || lower === 'us-ascii' || lower === 'ascii') return 'windows-1252';
  if (lower === 'utf8' || lower === 'utf-8') return 'utf-8';
  return iconv.encodingExists(lower) ? lower : null;
}

function startsWith(body: Buffer, prefix: readonly number[]): boolean {
  return body.length >= prefix.length && prefix.every((byte, i) => body[i] === byte);
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(bytes: Buffer): boolean {
  try {
    fatalUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
