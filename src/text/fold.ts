// Case and accent folding, as the rule language compares words (spec/rules.md, "Text model").

const COMBINING_MARKS = /\p{M}+/gu;

/** Lower-cases and strips accents: "Café" → "cafe", "İstanbul" → "istanbul". */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
}
