// parseDate: RFC 822/1123 as feeds really write it, ISO 8601 / RFC 3339, to UTC.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/feeds/parse/parse-date.ts';

// Any code point, lone surrogates included (fast-check's 'binary' unit is much slower to generate).
const anyChar = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0x10ffff })).map((c) => String.fromCodePoint(c));

describe('parseDate', () => {
  it.each([
    ['Tue, 05 Apr 2022 10:04:42 GMT', '2022-04-05T10:04:42.000Z'],
    ['Tue, 05 Apr 2022 10:04:42 +0000', '2022-04-05T10:04:42.000Z'],
    ['Mon, 05 Jan 2004 12:00:00 EST', '2004-01-05T17:00:00.000Z'],
    ['Sun, 3 Jul 2022 08:15:00 PDT', '2022-07-03T15:15:00.000Z'],
    ['Sat, 21 Mar 2020 06:29:51 -0400', '2020-03-21T10:29:51.000Z'],
    ['Fri, 19 Aug 2011 13:53:02 +02:00', '2011-08-19T11:53:02.000Z'],
    ['Wed, 2 Oct 2002 13:00:00 GMT+2', '2002-10-02T11:00:00.000Z'],
    ['Tue, 16 Nov 2010 08:00:00 +0000 GMT', '2010-11-16T08:00:00.000Z'],
    ['Tue,  5 Apr 2022 10:14 CEST', '2022-04-05T08:14:00.000Z'],
    ['05 Apr 2022 10:14:55', '2022-04-05T10:14:55.000Z'],
    ['Tuesday, April 5, 2022 3:04 PM EDT', '2022-04-05T19:04:00.000Z'],
    ['Apr 5 2022 12:30 AM', '2022-04-05T00:30:00.000Z'],
    ['5-Apr-22 10:00 +0100', '2022-04-05T09:00:00.000Z'],
    ['Seg, 24 Set 2018 19:18:49 -0300', '2018-09-24T22:18:49.000Z'],
    ['mar., 5 avr. 2022 10:00:00 +0200', '2022-04-05T08:00:00.000Z'],
    ['Di, 12 Mär 2024 08:00:00 +0100', '2024-03-12T07:00:00.000Z'],
    ['2022-04-05T10:04:42Z', '2022-04-05T10:04:42.000Z'],
    ['2022-04-05T10:04:42.677+01:00', '2022-04-05T09:04:42.677Z'],
    ['2022-04-05 10:04:42', '2022-04-05T10:04:42.000Z'],
    ['2022-04-05T10:04:42-0530', '2022-04-05T15:34:42.000Z'],
    ['2017-06-13T03:18:00+00:0', '2017-06-13T03:18:00.000Z'],
    ['20220405T100442Z', '2022-04-05T10:04:42.000Z'],
    ['2022-04-05', '2022-04-05T00:00:00.000Z'],
    ['2022-04', '2022-04-01T00:00:00.000Z'],
    ['  2022-04-05T10:04:42Z\n', '2022-04-05T10:04:42.000Z'],
  ])('%s', (input, iso) => {
    expect(parseDate(input)?.toISOString()).toBe(iso);
  });

  it.each(['', '   ', 'yesterday', 'Tue, 31 Feb 2022 10:00:00 GMT', '2022-13-01', '2022-04-05T25:00:00Z', 'Mon, 5 2022', '13:00 PM 5 Apr 2022', null, undefined])(
    'returns null for %j',
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );

  it('reads back every ISO and RFC 1123 string it could have written', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1971-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (date) => {
        const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
        expect(parseDate(date.toISOString())?.getTime()).toBe(date.getTime());
        expect(parseDate(seconds.toUTCString())?.getTime()).toBe(seconds.getTime());
      }),
    );
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: anyChar, maxLength: 60 }), (s) => {
      const d = parseDate(s);
      expect(d === null || !Number.isNaN(d.getTime())).toBe(true);
    }));
  });
});
