// WordHash: finds exactly the table's words, whatever their case in the article, and nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordHash } from '../../src/rules/word-hash.ts';
import { fnv1a } from '../../src/text/fnv.ts';
import { WordCursor } from '../../src/text/word-cursor.ts';

// Up to 24 letters: past the 16 a slot packs, the rest is compared in the character pool.
const word = fc.oneof(fc.stringMatching(/^[a-zé]{1,8}$/), fc.stringMatching(/^[a-z0-9é]{9,24}$/));

describe('WordHash', () => {
  it('finds each word of the table, in any case, and misses every other word', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 300 }), fc.array(word, { maxLength: 50 }), (words, others) => {
        const hash = new WordHash(words);
        const text = [...words.map((w, i) => (i % 2 === 0 ? w.toUpperCase() : w)), ...others].join(' ');
        const cursor = new WordCursor(text);
        while (cursor.next()) {
          const folded = cursor.folded();
          expect(hash.find(cursor)).toBe(words.indexOf(folded));
          expect(hash.findString(folded)).toBe(words.indexOf(folded));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the cursor hashes ASCII words as fnv1a hashes their folded text', () => {
    const text = fc.array(fc.constantFrom('a', 'Z', 'q', '0', '9', ' ', "'s", '.', 'é', '-', 'U.S.', 'İ'), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const cursor = new WordCursor(t);
        while (cursor.next()) if (cursor.ascii) expect(cursor.hash).toBe(fnv1a(cursor.folded()));
      }),
      { numRuns: 2_000 },
    );
  });
});
