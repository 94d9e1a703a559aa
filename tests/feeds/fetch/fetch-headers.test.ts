// Cache-Control max-age and Retry-After parsing, and the size/duration wording of reasons.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, parseMaxAge, parseRetryAfter } from '../../../src/feeds/fetch/http-cache-headers.ts';

const NOW = new Date('2026-11-26T10:00:00Z');

describe('parseMaxAge', () => {
  it.each([
    [null, null],
    ['', null],
    ['max-age=300', 300],
    ['public, max-age=60, must-revalidate', 60],
    ['MAX-AGE = 90', 90],
    ['max-age="120"', 120],
    ['s-maxage=500', null],
    ['max-age=-5', null],
    ['max-age=abc', null],
    ['max-age=300, no-cache', null],
    ['no-store', null],
    ['private, max-age=0', 0],
  ])('%j → %j', (header, expected) => {
    expect(parseMaxAge(header)).toBe(expected);
  });

  it('finds max-age among any other directives', () => {
    const other = fc.constantFrom('public', 'private', 'must-revalidate', 's-maxage=10', 'stale-while-revalidate=30', 'immutable');
    fc.assert(
      fc.property(fc.nat(), fc.array(other), fc.array(other), (seconds, before, after) => {
        expect(parseMaxAge([...before, `max-age=${seconds}`, ...after].join(', '))).toBe(seconds);
      }),
    );
  });

  it('never throws and returns null or a whole non-negative number', () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        const value = parseMaxAge(header);
        expect(value === null || (Number.isInteger(value) && value >= 0)).toBe(true);
      }),
    );
  });
});

describe('parseRetryAfter', () => {
  it.each([
    [null, null],
    ['120', 120],
    [' 0 ', 0],
    ['Thu, 26 Nov 2026 10:02:00 GMT', 120],
    ['Thursday, 26-Nov-26 10:00:30 GMT', 30],
    ['Thu Nov 26 10:01:00 2026', 60],
    ['Wed, 25 Nov 2026 10:00:00 GMT', 0],
    ['soon', null],
    ['-5', null],
  ])('%j → %j', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });

  it('reads any HTTP date back as the seconds until it (0 when past)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * 86_400, max: 10 * 86_400 }), (offsetSeconds) => {
        const date = new Date(NOW.getTime() + offsetSeconds * 1000).toUTCString();
        expect(parseRetryAfter(date, NOW)).toBe(Math.max(0, offsetSeconds));
      }),
    );
  });
});

describe('reason wording', () => {
  it.each([
    [10 * 1024 * 1024, '10 MB'],
    [1536 * 1024, '1.5 MB'],
    [1024, '1 KB'],
    [1000, '1000 bytes'],
  ])('formatBytes(%i) = %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    [30_000, '30 s'],
    [300, '300 ms'],
    [1_500, '1500 ms'],
  ])('formatDuration(%i) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
