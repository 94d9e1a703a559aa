// Repairs the entity damage real feeds carry after one round of decoding: double-encoded
// "&amp;quot;", "&amp;amp;" chains, and forms that lost their ampersand ("quot;", ",quot;", "#39;").
import { decode } from 'html-entities';

// An entity still present after decoding means the source was encoded twice (or more).
const LEFTOVER_ENTITY = /&(?:#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
// Broken forms seen in feeds: the "&" was dropped or turned into a comma by a bad escaper.
const ORPHAN_NAMED = /(?:,|(?<![&#]))(quot|apos);/gu;
const ORPHAN_NUMERIC = /(?<![\p{N}&])#(34|38|39|160|8211|8212|8216|8217|8220|8221|8230);/gu;
const NAMED: Readonly<Record<string, string>> = { quot: '"', apos: "'" };

/** Decodes leftover (double-encoded) entities and orphaned entity fragments in already-decoded text. */
export function repairEntities(text: string): string {
  let out = text;
  // Each round peels one level of encoding; real feeds rarely go past three.
  for (let round = 0; round < 8 && LEFTOVER_ENTITY.test(out); round++) {
    const next = decode(out, { level: 'html5' });
    if (next === out) break;
    out = next;
  }
  return out
    .replace(ORPHAN_NAMED, (_m, name: string) => NAMED[name] ?? '')
    .replace(ORPHAN_NUMERIC, (_m, code: string) => String.fromCodePoint(Number(code)));
}
