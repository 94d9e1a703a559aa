// The text form of the commands (what Slack sends): every subcommand, usage errors, limits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INPUT_LIMITS, parseCommandText } from '../../src/commands/command-input.ts';
import type { Command } from '../../src/commands/command-input.ts';

describe('parseCommandText', () => {
  it.each<[string, Command]>([
    ['', { name: 'help' }],
    ['help', { name: 'help' }],
    ['search "rocket attack"  AND  Iraq', { name: 'search', query: '"rocket attack"  AND  Iraq' }],
    ['SEARCH kirkuk', { name: 'search', query: 'kirkuk' }],
    ['recent', { name: 'recent', rule: null, since: null }],
    ['recent iraq', { name: 'recent', rule: 'iraq', since: null }],
    ['recent 6h', { name: 'recent', rule: null, since: '6h' }],
    ['recent iraq 2d', { name: 'recent', rule: 'iraq', since: '2d' }],
    ['rules list', { name: 'rules list' }],
    ['rules add kirkuk "rocket attack" place:Iraq', { name: 'rules add', id: 'kirkuk', query: '"rocket attack" place:Iraq' }],
    ['rules remove kirkuk', { name: 'rules remove', id: 'kirkuk' }],
    ['rules test title:(explosion OR blast)', { name: 'rules test', query: 'title:(explosion OR blast)' }],
    ['feeds list', { name: 'feeds list' }],
    ['feeds status', { name: 'feeds status' }],
    ['feeds add https://example.com/rss.xml', { name: 'feeds add', url: 'https://example.com/rss.xml' }],
    ['feeds add <https://example.com/rss.xml|example.com/rss.xml>', { name: 'feeds add', url: 'https://example.com/rss.xml' }],
    ['feeds remove world', { name: 'feeds remove', url: 'world' }],
    ['mute kirkuk 2h', { name: 'mute', rule: 'kirkuk', duration: '2h' }],
    ['unmute kirkuk', { name: 'unmute', rule: 'kirkuk' }],
    ['subscribe kirkuk', { name: 'subscribe', rule: 'kirkuk', priority: null }],
    ['subscribe kirkuk flash', { name: 'subscribe', rule: 'kirkuk', priority: 'flash' }],
    ['unsubscribe kirkuk', { name: 'unsubscribe', rule: 'kirkuk' }],
    ['  status  ', { name: 'status' }],
  ])('%j', (input, command) => {
    expect(parseCommandText(input)).toEqual({ kind: 'ok', command });
  });

  it.each([
    ['search', 'usage: search <query>'],
    ['recent a b c', 'usage: recent [rule] [since]'],
    ['rules', 'usage: rules list | add'],
    ['rules add onlyid', 'usage: rules add <id> <query>'],
    ['rules remove', 'usage: rules remove <id>'],
    ['rules test', 'usage: rules test <query>'],
    ['rules list extra', 'usage: rules list'],
    ['feeds add', 'usage: feeds add <url>'],
    ['feeds add a b', 'usage: feeds add <url>'],
    ['feeds remove', 'usage: feeds remove'],
    ['feeds frobnicate', 'usage: feeds list | add'],
    ['mute kirkuk', 'usage: mute <rule> <duration>'],
    ['unmute', 'usage: unmute <rule>'],
    ['subscribe', 'usage: subscribe <rule>'],
    ['subscribe a b c', 'usage: subscribe <rule>'],
    ['unsubscribe', 'usage: unsubscribe <rule>'],
    ['status now', 'usage: status'],
    ['launch missiles', 'unknown command "launch"'],
    [`search ${'x'.repeat(INPUT_LIMITS.text)}`, `at most ${INPUT_LIMITS.text} are accepted`],
  ])('%j is refused: %s', (input, reason) => {
    const parsed = parseCommandText(input);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') expect(parsed.reason).toContain(reason);
  });

  it('never throws, and a query is passed on verbatim', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(() => parseCommandText(text)).not.toThrow();
        const query = text.trim();
        if (query === '') return;
        expect(parseCommandText(`search ${text}`)).toEqual({ kind: 'ok', command: { name: 'search', query } });
      }),
    );
  });
});
