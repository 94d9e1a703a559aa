// A place name as the gazetteer indexes it: split into words and folded like article text.
import { splitWords } from '../text/words.ts';

const PLAIN = /^[A-Za-z]+(?: [A-Za-z]+)*$/;

/** splitWords + fold, with a fast path for the plain ASCII names that are most of the data. */
export function foldName(name: string): string[] {
  return PLAIN.test(name) ? name.toLowerCase().split(' ') : splitWords(name).map((w) => w.text);
}
