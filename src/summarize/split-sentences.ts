// Splits plain text into sentences for summaries and facts: ends at . ! ? (and a line break),
// but not after "U.S.", "Dec.", "Gen.", "No.", "Mr.", initials ("J.") or inside decimals (5.93).

export interface SentenceSpan {
  /** The sentence, trimmed. */
  readonly text: string;
  /** Character offsets of `text` in the source, end exclusive. */
  readonly start: number;
  readonly end: number;
}

/** Words after which a period does not end a sentence (titles, months, "No." …). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cpl', 'pvt', 'adm', 'cmdr',
  'gov', 'sen', 'rep', 'rev', 'fr', 'hon', 'pres', 'supt', 'insp', 'det', 'st', 'mt', 'ft', 'ave', 'blvd',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'no', 'nos', 'vs', 'v', 'approx', 'est', 'fig', 'vol', 'op', 'jr', 'sr', 'messrs', 'mme', 'mlle',
]);

// A sentence end: terminal punctuation, then closing quotes/brackets, then space or the end.
const END = /[.!?…]+["'”’)\]]*(?=\s|$)/g;
// What may begin the next sentence: a capital letter, digit or opening quote/bracket.
const NEXT_START = /\s+["'“‘([]?[\p{Lu}\p{N}]/uy;

export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let from = 0;
  const push = (end: number): void => {
    const raw = text.slice(from, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed !== '') spans.push({ text: trimmed, start: from + lead, end: from + lead + trimmed.length });
    from = end;
  };
  // Paragraphs first: a line break always ends a sentence.
  for (const line of text.matchAll(/[^\n]+/g)) {
    from = line.index;
    const lineEnd = line.index + line[0].length;
    for (const m of line[0].matchAll(END)) {
      const end = line.index + m.index + m[0].length;
      if (end >= lineEnd) break;
      NEXT_START.lastIndex = end;
      if (!NEXT_START.test(text)) continue;
      if (m[0].startsWith('.') && !m[0].startsWith('...') && isAbbreviation(text, line.index + m.index)) continue;
      push(end);
    }
    push(lineEnd);
  }
  return spans;
}

/** Is the word ending just before the period at `dot` an abbreviation, initial or acronym? */
function isAbbreviation(text: string, dot: number): boolean {
  const before = /([\p{L}.]*\p{L})$/u.exec(text.slice(Math.max(0, dot - 20), dot))?.[1];
  if (before === undefined) return false;
  if (/^[ap]\.m$/i.test(before)) return false; // "at 10 a.m. Police said"
  if (before.includes('.')) return true; // "U.S", "e.g" (dotted abbreviations)
  if (/^\p{Lu}$/u.test(before)) return true; // an initial: "George W. Bush"
  return ABBREVIATIONS.has(before.toLowerCase());
}
