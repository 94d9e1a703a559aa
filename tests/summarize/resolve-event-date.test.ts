// Event dates resolved against the publication date; never after it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveEventDate } from '../../src/summarize/resolve-event-date.ts';

const FRIDAY = new Date('2019-12-27T10:00:00Z');
const SATURDAY = new Date('2019-12-28T10:00:00Z');

describe('resolveEventDate', () => {
  it.each<[string, Date | null, string | null]>([
    ['killed a contractor on Friday, the coalition said', FRIDAY, '2019-12-27'],
    ['killed a contractor on Friday, the coalition said', SATURDAY, '2019-12-27'],
    ['Friday’s attack', new Date('2020-01-02T00:00:00Z'), '2019-12-27'],
    ['the attack last Saturday', SATURDAY, '2019-12-21'],
    ['a bomb went off yesterday', SATURDAY, '2019-12-27'],
    ['a bomb went off last night', SATURDAY, '2019-12-27'],
    ['a bomb went off this morning', SATURDAY, '2019-12-28'],
    ['on December 27 a bomb', SATURDAY, '2019-12-27'],
    ['on Dec. 27 a bomb', SATURDAY, '2019-12-27'],
    ['on 27 December a bomb', SATURDAY, '2019-12-27'],
    ['on December 29 a bomb', SATURDAY, '2018-12-29'],
    ['on 27 December 2019', null, '2019-12-27'],
    ['date 2019-12-26 stamp', SATURDAY, '2019-12-26'],
    ['on Friday', null, null],
    ['talks resume next Friday', SATURDAY, null],
    ['since the end of October', SATURDAY, null],
    ['declared victory in December 2017', SATURDAY, null],
    ['you may 5 times', SATURDAY, null],
    ['no date here', SATURDAY, null],
  ])('%j (published %s) → %j', (text, published, expected) => {
    expect(resolveEventDate([text], published)).toBe(expected);
  });

  it('takes the first expression, sentence by sentence', () => {
    expect(resolveEventDate(['Blast in Kabul', 'A bomb exploded on Monday.', 'It was the worst since May 3.'], SATURDAY)).toBe('2019-12-23');
  });

  it('never resolves a relative day after the publication day, nor more than a week before', () => {
    const days = fc.constantFrom('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'yesterday', 'today', 'last night');
    fc.assert(
      fc.property(days, fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }), (word, published) => {
        const when = resolveEventDate([`It happened ${word === 'today' || word === 'yesterday' || word === 'last night' ? word : `on ${word}`}.`], published);
        const day = Date.parse(`${published.toISOString().slice(0, 10)}T00:00:00Z`);
        expect(when).not.toBeNull();
        const t = Date.parse(`${when}T00:00:00Z`);
        expect(t).toBeLessThanOrEqual(day);
        expect(day - t).toBeLessThan(7 * 86_400_000);
      }),
    );
  });
});
