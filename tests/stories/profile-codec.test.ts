// Profiles survive the store byte for byte; anything else decodes as null, never as a crash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeeds } from '../../src/stories/minhash.ts';
import { decodeProfile, encodeProfile } from '../../src/stories/profile-codec.ts';
import { profileText } from '../../src/stories/text-profile.ts';
import { contentFingerprint } from '../../src/stories/content-fingerprint.ts';

const seeds = createSeeds(120);
const words = fc.array(fc.constantFrom('Kirkuk', 'rocket', 'attack', 'U.S.', 'Zelenskyy', 'Kyiv', 'base', 'killed', 'Iraq’s', 'école', '北京', '3', 'the'), { maxLength: 60 });
const text = words.map((w) => w.join(' '));

describe('profile codec', () => {
  it('decodes what it encodes, for any text (property)', () => {
    fc.assert(
      fc.property(text, text, (title, body) => {
        const profile = profileText(title, body, { seeds });
        expect(decodeProfile(encodeProfile(profile))).toEqual(profile);
      }),
      { numRuns: 200 },
    );
  });

  it('decodes from a Buffer that is a view into a larger pool (as database drivers return)', () => {
    const profile = profileText('Rocket attack in Kirkuk', 'A rocket attack on a base in Kirkuk killed one contractor.', { seeds });
    const bytes = encodeProfile(profile);
    const pool = Buffer.alloc(bytes.length + 13);
    pool.set(bytes, 13);
    expect(decodeProfile(pool.subarray(13))).toEqual(profile);
  });

  it('answers null for bytes that are not a profile of this version, whatever they are (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const decoded = decodeProfile(bytes);
        expect(decoded === null || typeof decoded === 'object').toBe(true);
      }),
      { numRuns: 500 },
    );
    const bytes = encodeProfile(profileText('a b c', 'd e f', { seeds }));
    const other = new TextEncoder().encode(new TextDecoder().decode(bytes).replace('"v":1', '"v":9'));
    expect(decodeProfile(other)).toBeNull();
    expect(decodeProfile(bytes.subarray(0, 20))).toBeNull();
    expect(decodeProfile(new Uint8Array([255, 255, 255, 255]))).toBeNull();
  });
});

describe('content fingerprint', () => {
  it('ignores case, accents, spacing, markup-free punctuation; not a changed word (property)', () => {
    fc.assert(
      fc.property(words, words, (title, body) => {
        const plain = contentFingerprint(title.join(' '), body.join(' '));
        const reformatted = contentFingerprint(`  ${title.join('   ').toUpperCase()} `, body.join(' ,\n '));
        expect(reformatted).toBe(plain);
        expect(contentFingerprint(title.join(' '), [...body, 'again'].join(' '))).not.toBe(plain);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps title and body apart', () => {
    expect(contentFingerprint('a b', 'c')).not.toBe(contentFingerprint('a', 'b c'));
  });
});
