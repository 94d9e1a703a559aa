import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../src/domain/alert.ts';
import { parseDiscordMention, renderDiscordEmbed, renderDiscordReply } from '../../src/chat/discord/render-discord-embed.ts';
import type { DiscordMessageBody } from '../../src/chat/discord/render-discord-embed.ts';
import { computePings, validateMessage } from '../support/discord-emulator.ts';
import { makeAlert } from './alert-fixture.ts';
import { HOSTILE_SNIPPETS, hostileText, LONE_SURROGATE } from './hostile-text.ts';

const ROLE = '<@&200000000000000002>';

/** Every way text could ping or link in Discord, if our escaping failed. */
function activeMarkup(body: DiscordMessageBody, routeMention: string | null): string[] {
  // The footer is plain text on Discord (no markdown), so only mention syntax matters there.
  const markdownText = JSON.stringify(body.embeds.map((e) => ({ ...e, footer: undefined })));
  const footerText = JSON.stringify(body.embeds.map((e) => e.footer));
  const found: string[] = [];
  const mentions = [/@(everyone|here)/, /<@[!&]?\d+>/, /<#\d+>/];
  for (const [text, patterns] of [[markdownText, [...mentions, /\]\(/, /(^|[^\\])\*\*/]], [footerText, mentions]] as const) {
    for (const pattern of patterns) {
      const m = pattern.exec(text);
      if (m) found.push(m[0]);
    }
  }
  if ((body.content ?? null) !== routeMention) found.push(`content: ${String(body.content)}`);
  return found;
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(stringsIn);
}

function embedTotal(body: DiscordMessageBody): number {
  return body.embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0)
    + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0), 0);
}

describe('renderDiscordEmbed', () => {
  test('renders a flash alert with facts and a role mention', () => {
    expect(renderDiscordEmbed(makeAlert({ alsoReportedBy: ['AP', 'BBC News'] }), { mention: ROLE })).toMatchSnapshot();
  });

  test('renders a low-priority alert without link, facts or mention', () => {
    expect(renderDiscordEmbed(makeAlert({ priority: 'low', link: null, facts: null, matched: [] }), { mention: null })).toMatchSnapshot();
  });

  test.each([
    ['<@&200000000000000002>', { content: '<@&200000000000000002>', allowed_mentions: { parse: [], roles: ['200000000000000002'] } }],
    ['<@300000000000000003>', { content: '<@300000000000000003>', allowed_mentions: { parse: [], users: ['300000000000000003'] } }],
    ['<@!300000000000000003>', { content: '<@300000000000000003>', allowed_mentions: { parse: [], users: ['300000000000000003'] } }],
    [null, { allowed_mentions: { parse: [] } }],
  ])('mention %s pings only itself', (mention, expected) => {
    const body = renderDiscordEmbed(makeAlert(), { mention });
    expect({ content: body.content, allowed_mentions: body.allowed_mentions }).toEqual({ content: undefined, ...expected });
    expect(computePings(body.content ?? '', body.allowed_mentions)).toEqual({
      everyone: false,
      users: 'users' in expected.allowed_mentions ? expected.allowed_mentions.users : [],
      roles: 'roles' in expected.allowed_mentions ? expected.allowed_mentions.roles : [],
    });
  });

  test.each(['@everyone', '@here', 'role:123', '<#200000000000000002>', '<@&abc>'])('rejects %s as a route mention', (mention) => {
    expect(parseDiscordMention(mention)).toBeNull();
    expect(() => renderDiscordEmbed(makeAlert(), { mention })).toThrow(/discord: route mention/);
  });

  test.each(HOSTILE_SNIPPETS.map((s) => [s]))('hostile text %j renders inert and valid', (snippet) => {
    const text = `Breaking ${snippet} news ${snippet}`;
    const alert = makeAlert({ title: text, summary: text, source: text, alsoReportedBy: [text], matched: [{ term: text, field: 'title', start: 0, end: 1 }] });
    const body = renderDiscordEmbed(alert, { mention: null });
    expect(activeMarkup(body, null)).toEqual([]);
    expect(validateMessage({ ...body }, 'create')).toBeNull();
    // No control or invisible format character, except line breaks between paragraphs, our
    // zero-width space after "@" and emoji joiners.
    for (const value of stringsIn(body)) expect(value).not.toMatch(/[^\P{Cc}\n]|[^\P{Cf}\u200B\u200D]/u);
  });

  test('escapes markdown so no formatting or masked link forms', () => {
    const body = renderDiscordEmbed(makeAlert({ summary: '**big** [x](http://evil.example) @everyone <@123456789012345678>' }), { mention: null });
    expect(body.embeds[0]?.description).toBe('Kirkuk, Iraq · 1 killed, 4 wounded · Fri 27 Dec 2019\n\n\\*\\*big\\*\\* \\[x\\]\\(http://evil.example\\) @\u200Beveryone \\<@\u200B123456789012345678\\>');
  });

  test('a 10 kB title and summary of emoji are cut inside every limit without splitting a pair', () => {
    const body = renderDiscordEmbed(makeAlert({ title: '😀'.repeat(5000), summary: '🇮🇶 '.repeat(3000), alsoReportedBy: Array.from({ length: 400 }, (_, i) => `Outlet ${i}`) }), { mention: ROLE });
    const embed = body.embeds[0];
    expect(embed?.title?.length).toBeLessThanOrEqual(256);
    expect(embed?.title?.endsWith('😀…')).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(LONE_SURROGATE);
    expect(embedTotal(body)).toBeLessThanOrEqual(6000);
    expect(validateMessage({ ...body }, 'create')).toBeNull();
  });

  test('property: any text in any field renders within every limit and pings nobody', () => {
    const alertArb = fc.record({
      title: hostileText, summary: hostileText, source: hostileText, link: fc.option(hostileText),
      published: fc.date({ noInvalidDate: false }),
      alsoReportedBy: fc.array(hostileText, { maxLength: 5 }),
      terms: fc.array(hostileText, { maxLength: 4 }),
      place: hostileText, attribution: fc.option(hostileText),
      killed: fc.option(fc.nat()), priority: fc.constantFrom('flash', 'normal', 'low'),
      mention: fc.constantFrom(null, ROLE),
    });
    fc.assert(
      fc.property(alertArb, (a) => {
        const alert: Alert = makeAlert({
          title: a.title, summary: a.summary, source: a.source, link: a.link, alsoReportedBy: a.alsoReportedBy, published: a.published,
          matched: a.terms.map((term) => ({ term, field: 'body' as const, start: 0, end: 1 })), priority: a.priority as Alert['priority'],
          facts: { places: [{ name: a.place, country: 'IQ' }], killed: a.killed, injured: null, when: '2019-12-27', attribution: a.attribution },
        });
        const body = renderDiscordEmbed(alert, { mention: a.mention });
        expect(validateMessage({ ...body }, 'create')).toBeNull();
        expect(embedTotal(body)).toBeLessThanOrEqual(6000);
        expect(activeMarkup(body, a.mention)).toEqual([]);
        expect(JSON.stringify(body)).not.toMatch(LONE_SURROGATE);
        expect(computePings(body.content ?? '', body.allowed_mentions)).toEqual({ everyone: false, users: [], roles: a.mention ? ['200000000000000002'] : [] });
      }),
      { numRuns: 200 },
    );
  });
});

describe('renderDiscordReply', () => {
  test('escapes and cuts a reply and pings nobody', () => {
    const reply = renderDiscordReply(`Death toll now 3 @everyone ${'x '.repeat(2000)}`);
    expect(reply.content.length).toBeLessThanOrEqual(2000);
    expect(reply.content.startsWith('Death toll now 3 @\u200Beveryone')).toBe(true);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });
});
