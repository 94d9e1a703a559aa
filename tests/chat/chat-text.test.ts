import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { cleanText, fitText, listMatchedTerms, sanitizeLink } from '../../src/chat/chat-text.ts';
import { describeFacts, formatDay, formatFactsLine } from '../../src/chat/facts-line.ts';
import { waitOutRateLimits } from '../../src/chat/send-retry.ts';
import type { SendOutcome } from '../../src/chat/chat-sink.ts';
import { DISCORD_MARKDOWN_ESCAPES } from '../../src/chat/discord/render-discord-embed.ts';
import { SLACK_MRKDWN_ESCAPES } from '../../src/chat/slack/render-slack-message.ts';
import { makeAlert } from './alert-fixture.ts';
import { hostileText, LONE_SURROGATE } from './hostile-text.ts';

describe('cleanText', () => {
  test.each([
    ['collapses whitespace and line breaks', '  Rockets\r\n\thit\u00A0 base  ', 'Rockets hit base'],
    ['strips zero-width characters', 'ev\u200Bery\u2060one\uFEFF', 'everyone'],
    ['strips bidi overrides', '\u202Eevil\u202C text', 'evil text'],
    ['turns control characters into spaces', 'a\u0000b\u0007c\u001B[31m', 'a b c [31m'],
    ['drops lone surrogates', 'a\uD83Db\uDE00c', 'abc'],
    ['keeps emoji sequences whole', 'lab 👩‍🔬 and ❤️‍🔥', 'lab 👩‍🔬 and ❤️‍🔥'],
    ['drops a joiner outside an emoji sequence', '@\u200Deveryone', '@everyone'],
    ['composes to NFC', 'Mosul e\u0301', 'Mosul é'],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

test('cleanText caps piles of combining marks at four', () => {
  expect([...cleanText(`Z${'\u0301'.repeat(500)} ok`)]).toHaveLength(1 + 4 + 3);
});

describe('fitText', () => {
  test.each([
    ['fits unchanged', 'Rockets hit base', 16, 'Rockets hit base'],
    ['cuts at a word boundary', 'Rockets hit the base near Kirkuk', 20, 'Rockets hit the…'],
    ['cuts inside a word only when no boundary is in the second half', 'Supercalifragilistic expialidocious', 12, 'Supercalifr…'],
    ['never splits a surrogate pair', '😀😀😀😀😀😀', 6, '😀😀…'],
    ['never splits an emoji sequence', '👩‍🔬👩‍🔬👩‍🔬', 7, '👩‍🔬…'],
    ['gives an ellipsis when nothing fits', '😀😀', 2, '…'],
    ['gives nothing for a zero limit', 'anything', 0, ''],
  ])('%s', (_name, input, max, expected) => {
    expect(fitText(input, max)).toBe(expected);
    expect(fitText(input, max).length).toBeLessThanOrEqual(max);
  });

  test('counts escapes and never cuts inside one', () => {
    expect(fitText('a*b*c*d*e*f', 8, DISCORD_MARKDOWN_ESCAPES)).toBe('a\\*b\\*c…');
    expect(fitText('a*b*c*d*e*f', 7, DISCORD_MARKDOWN_ESCAPES)).toBe('a\\*b\\*…');
    expect(fitText('x & y & z & w', 14, SLACK_MRKDWN_ESCAPES)).toBe('x &amp; y…');
  });

  test('a 10 kB title without spaces is cut to the limit', () => {
    const cut = fitText('A'.repeat(10_000), 256);
    expect(cut).toHaveLength(256);
    expect(cut.endsWith('…')).toBe(true);
  });

  test('property: within the limit, no lone surrogate, unchanged when it fits', () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 0, max: 300 }), (text, max) => {
        for (const escape of [undefined, DISCORD_MARKDOWN_ESCAPES, SLACK_MRKDWN_ESCAPES]) {
          const out = fitText(text, max, escape);
          expect(out.length).toBeLessThanOrEqual(max);
          expect(out).not.toMatch(LONE_SURROGATE);
          const whole = fitText(text, Number.MAX_SAFE_INTEGER, escape);
          if (whole.length <= max) expect(out).toBe(whole);
          else expect(max === 0 ? out === '' : out.endsWith('…')).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('facts', () => {
  test('formats the facts line', () => {
    expect(formatFactsLine(makeAlert())).toBe('Kirkuk, Iraq · 1 killed, 4 wounded · Fri 27 Dec 2019');
  });

  test.each([
    ['no facts', null, null],
    ['a country alone', { places: [{ name: 'Iraq', country: 'IQ' }], killed: null, injured: null, when: null, attribution: null }, 'Iraq'],
    ['unknown country code', { places: [{ name: 'Atlantis', country: null }], killed: 0, injured: null, when: '2024-02-30', attribution: 'a militia' }, 'Atlantis · 0 killed · attributed to a militia'],
    ['two places', { places: [{ name: 'Lagos', country: 'NG' }, { name: 'Abuja', country: 'NG' }], killed: null, injured: 12, when: '2024-03-01', attribution: null }, 'Lagos, Nigeria; Abuja, Nigeria · 12 wounded · Fri 1 Mar 2024'],
  ] as const)('%s', (_name, facts, expected) => {
    expect(formatFactsLine(makeAlert({ facts }))).toBe(expected);
  });

  test('describeFacts leaves unknown parts null', () => {
    expect(describeFacts(makeAlert({ facts: null }))).toEqual({ where: null, casualties: null, when: null, attribution: null });
  });

  test.each([
    ['2019-12-27', 'Fri 27 Dec 2019'],
    ['2024-02-29', 'Thu 29 Feb 2024'],
    ['2023-02-29', null],
    ['27/12/2019', null],
  ])('formatDay(%s)', (input, expected) => {
    expect(formatDay(input)).toBe(expected);
  });

  test('lists each matched term once', () => {
    const alert = makeAlert({ matched: [{ term: 'Iraq', field: 'title', start: 0, end: 1 }, { term: 'Iraq', field: 'body', start: 3, end: 4 }] });
    expect(listMatchedTerms(alert)).toBe('Iraq');
  });
});

describe('sanitizeLink', () => {
  test.each([
    ['https://news.example/a?b=1', 'https://news.example/a?b=1'],
    ['javascript:alert(1)', null],
    ['ftp://files.example/x', null],
    ['not a url', null],
    ['https://news.example/<script>', null],
    [`https://news.example/${'a'.repeat(3000)}`, null],
    [null, null],
  ])('%s', (input, expected) => {
    expect(sanitizeLink(input, 2048)).toBe(expected);
  });
});

describe('waitOutRateLimits', () => {
  const limited = (afterMs: number | null): SendOutcome => ({ kind: 'retry', afterMs, reason: 'limited' });
  async function run(outcomes: SendOutcome[], maxWaitMs: number) {
    const slept: number[] = [];
    let calls = 0;
    const outcome = await waitOutRateLimits(async () => outcomes[Math.min(calls++, outcomes.length - 1)] ?? limited(null), maxWaitMs, async (ms) => void slept.push(ms));
    return { outcome, slept, calls };
  }

  test.each([
    ['a short wait, then sent', [limited(800), { kind: 'sent', messageId: '1' }], { outcome: { kind: 'sent', messageId: '1' }, slept: [800], calls: 2 }],
    ['a long wait goes back at once', [limited(30_000)], { outcome: limited(30_000), slept: [], calls: 1 }],
    ['a 5xx (no delay) goes back at once', [limited(null)], { outcome: limited(null), slept: [], calls: 1 }],
    ['at most three attempts', [limited(500)], { outcome: limited(500), slept: [500, 500], calls: 3 }],
    ['permanent goes back at once', [{ kind: 'permanent', reason: 'x' }], { outcome: { kind: 'permanent', reason: 'x' }, slept: [], calls: 1 }],
  ] as const)('%s', async (_name, outcomes, expected) => {
    expect(await run([...outcomes], 10_000)).toEqual(expected);
  });
});
