// English function words (articles, pronouns, auxiliaries, prepositions, conjunctions): words that
// carry no topic, skipped when sentences are compared by what they are about. Folded (fold.ts).

const WORDS = `
a about above after again against ago all also am amid among an and another any are around as at
away back be became because been before being below between both but by can could did do does
doing done down during each either even ever every few for from further get gets got had has have
having he her here hers herself him himself his how however i if in into is it its itself just
last least less like made make many may me might more most much must my myself near new next no
nor not now of off on once one only or other our ours ourselves out over own per quite rather s
said say saying says see seen she should since so some still such t than that the their theirs
them themselves then there these they this those though through to too told under until up upon
very via was we were what when where whether which while who whom whose why will with within
without would yet you your yours yourself yourselves mr mrs ms
`;

export const FUNCTION_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((w) => w !== ''));

/** A word worth comparing: not a function word, not a single character. */
export function isContentWord(folded: string): boolean {
  return folded.length > 1 && !FUNCTION_WORDS.has(folded);
}
