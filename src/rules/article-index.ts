// An article split into folded words once, with a hash map from each distinct word to its positions:
// all the matching work per article (spec/rules.md, "Text model"). No NLP here.
import type { Article } from '../domain/match.ts';
import { splitWords } from '../text/words.ts';
import type { Word } from '../text/words.ts';
import { FIELDS } from './query-plan.ts';

const PREFIX_KEY_LENGTH = 3;

export class ArticleIndex {
  /** Words of each field, in FIELDS order. */
  readonly words: readonly (readonly Word[])[];
  /** Folded word → positions encoded as `position * 4 + fieldIndex`, ascending. */
  readonly positions: ReadonlyMap<string, readonly number[]>;
  /** The texts the words were split from. */
  readonly texts: Article;
  private byPrefixKey: Map<string, string[]> | null = null;

  constructor(article: Article) {
    this.texts = article;
    const positions = new Map<string, number[]>();
    this.words = FIELDS.map((field, f) => {
      const words = splitWords(article[field]);
      for (let i = 0; i < words.length; i++) {
        const text = (words[i] as Word).text;
        const list = positions.get(text);
        if (list === undefined) positions.set(text, [i * 4 + f]);
        else list.push(i * 4 + f);
      }
      return words;
    });
    for (const list of positions.values()) if (list.length > 1) list.sort((a, b) => a - b);
    this.positions = positions;
  }

  /** The folded word at a position, or undefined past the end of the field. */
  wordAt(field: number, position: number): string | undefined {
    return this.words[field]?.[position]?.text;
  }

  /** Distinct words starting with `prefix` (at least 3 characters), found without scanning the text. */
  wordsWithPrefix(prefix: string): readonly string[] {
    if (this.byPrefixKey === null) {
      this.byPrefixKey = new Map();
      for (const word of this.positions.keys()) {
        if (word.length < PREFIX_KEY_LENGTH) continue;
        const key = word.slice(0, PREFIX_KEY_LENGTH);
        const list = this.byPrefixKey.get(key);
        if (list === undefined) this.byPrefixKey.set(key, [word]);
        else list.push(word);
      }
    }
    const candidates = this.byPrefixKey.get(prefix.slice(0, PREFIX_KEY_LENGTH)) ?? [];
    return prefix.length === PREFIX_KEY_LENGTH ? candidates : candidates.filter((w) => w.startsWith(prefix));
  }
}
