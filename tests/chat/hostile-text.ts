// Hostile feed text for the chat tests: mention, markdown and invisible-character attacks, and a
// fast-check arbitrary that mixes them with any Unicode (lone surrogates included) at any length.
import fc from 'fast-check';

export const HOSTILE_SNIPPETS = [
  '@everyone',
  '@here',
  '@\u200Beveryone',
  '@ever\u200Byone',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123ABC>',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
  '<!subteam^S0123>',
  '<https://evil.example|click me>',
  '**markdown**',
  '__underline__',
  '~~strike~~',
  '||spoiler||',
  '`code`',
  '```block```',
  '> quote',
  '# heading',
  '- list',
  '[x](http://evil.example)',
  '[x](<http://evil.example>)',
  '&amp;',
  '&lt;!channel&gt;',
  '\\',
  '\u200B\u200C\u200D\u2060\uFEFF',
  '\u202Eevil\u202C',
  '\u0000\u0007\u001B[31m\u007F\u0085',
  '\r\n\t',
  '😀',
  '👩‍🔬',
  '🇮🇶',
  'e\u0301',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359',
  '\uD83D',
  '\uDE00',
];

const unit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SNIPPETS) },
  { weight: 2, arbitrary: fc.constantFrom(' ', '  ', '\n', 'word', 'Kirkuk', 'rocket') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) },
);

/** Any text a feed could send, from empty to far past every limit. */
export const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.array(unit, { maxLength: 30 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.array(unit, { maxLength: 5 }), fc.integer({ min: 1, max: 400 })).map(([parts, times]) => parts.join('').repeat(times)) },
);

export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
