// The identity of an item's content, whatever its guid: a hash of its folded words (title, then
// body), so a repost under a new guid, or with other whitespace, markup or punctuation, is the same.
import { createHash } from 'node:crypto';
import { splitFoldedWords } from '../text/words.ts';

export function contentFingerprint(title: string, body: string): string {
  const words = `${splitFoldedWords(title).join(' ')}\n${splitFoldedWords(body).join(' ')}`;
  return createHash('sha256').update(words).digest('base64url').slice(0, 22);
}
