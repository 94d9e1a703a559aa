// Case and accent folding, as the rule language compares words (docs/rules.md, "Text model").

const COMBINING_MARKS = /\p{M}+/gu;

/** Lower-cases and strips accents: "Café" → "cafe", "İstanbul" → "istanbul". */
export function foldText(text: string): string {
  // Lower-casing can produce new combining marks ("İ" → "i̇"), so it comes before stripping them.
  return text.normalize('NFKD').toLowerCase().normalize('NFKD').replace(COMBINING_MARKS, '');
}
