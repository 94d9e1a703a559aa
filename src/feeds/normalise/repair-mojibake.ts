// Undoes the commonest feed corruption: UTF-8 bytes read as windows-1252/Latin-1 and re-encoded
// ("â€™" for "’", "Ã©" for "é"). Only whole, valid UTF-8 sequences are converted back.
import iconv from 'iconv-lite';

// windows-1252 characters for bytes 0x80-0x9F (the rest of 0x80-0xFF are Latin-1 itself).
const CP1252_BYTES = new Map<string, number>();
for (let byte = 0x80; byte <= 0x9f; byte++) {
  const ch = iconv.decode(Buffer.from([byte]), 'windows-1252');
  if (ch !== '\uFFFD') CP1252_BYTES.set(ch, byte);
}
const CONTINUATION = `[\\u0080-\\u00BF${[...CP1252_BYTES.keys()].filter((ch) => ch > '\u00FF').join('')}]`;
// A lead byte (0xC2-0xF4) followed by one to three continuation bytes, as characters.
const SEQUENCE = new RegExp(`[\\u00C2-\\u00F4]${CONTINUATION}{1,3}`, 'gu');
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Repairs mis-decoded UTF-8, repeatedly: text re-encoded twice needs two rounds. */
export function repairMojibake(text: string): string {
  let out = text;
  for (let round = 0; round < 4 && /[\u00C2-\u00F4]/.test(out); round++) {
    const next = repairOnce(out);
    if (next === out) break;
    out = next;
  }
  return out;
}

function repairOnce(text: string): string {
  return text.replace(SEQUENCE, (chars) => {
    const bytes = [...chars].map((ch) => (ch <= '\u00FF' ? ch.charCodeAt(0) : (CP1252_BYTES.get(ch) ?? 0)));
    const lead = bytes[0] ?? 0;
    const expected = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (bytes.length < expected) return chars;
    try {
      const decoded = fatalUtf8.decode(Uint8Array.from(bytes.slice(0, expected)));
      return decoded + chars.slice(expected);
    } catch {
      return chars;
    }
  });
}
