// Characters that make a rule word unmatchable although it looks right: invisible format characters
// (zero-width, bidi controls) and a word mixing look-alike scripts ("Irаq" with a Cyrillic а,
// "АND"). Articles are folded, never transliterated, so such a word can never fire: it is refused.

/** A problem at a position of the query, or null. */
export interface CharacterProblem {
  readonly index: number;
  readonly hint: string;
}

const FORMAT = /\p{Cf}/u;
const CONFUSABLE_SCRIPTS = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
] as const;

/** The first invisible character in `query`, as a problem at its index. */
export function findInvisible(query: string): CharacterProblem | null {
  for (let i = 0; i < query.length; i += 1) {
    const c = query[i] ?? '';
    if (FORMAT.test(c)) {
      return { index: i, hint: `it holds an invisible character (${codePoint(c)}, a zero-width or direction control); delete and retype the word — as written the rule can never fire` };
    }
  }
  return null;
}

/** Where `word` (starting at `offset` in the query) switches to a look-alike script, or null. */
export function findMixedScript(word: string, offset: number): CharacterProblem | null {
  let first: string | null = null;
  let index = 0;
  for (const c of word) {
    const script = CONFUSABLE_SCRIPTS.find(([, pattern]) => pattern.test(c))?.[0] ?? null;
    if (script !== null) {
      if (first === null) first = script;
      else if (script !== first) {
        return { index: offset + index, hint: `"${word}" mixes ${first} and ${script} letters ("${c}" is ${script} ${codePoint(c)}); retype it in one alphabet — as written the rule can never fire` };
      }
    }
    index += c.length;
  }
  return null;
}

/** Words that look like operators only once width is normalised (fullwidth ＡＮＤ): they are read as words. */
export function lookalikeOperator(word: string): string | null {
  const plain = word.normalize('NFKC');
  return plain !== word && /^(?:AND|OR|NOT|O?NEAR(?:\/\d+)?)$/.test(plain) ? plain : null;
}

function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
