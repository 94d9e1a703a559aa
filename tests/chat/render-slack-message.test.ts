import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../src/domain/alert.ts';
import { parseSlackMention, renderSlackMessage, renderSlackReply } from '../../src/chat/slack/render-slack-message.ts';
import type { SlackMessage } from '../../src/chat/slack/render-slack-message.ts';
import { findMentions, validateSlackBlocks } from '../support/slack-emulator.ts';
import { makeAlert } from './alert-fixture.ts';
import { HOSTILE_SNIPPETS, hostileText, LONE_SURROGATE } from './hostile-text.ts';

const GROUP = '<!subteam^S0OPS>';

/** Mrkdwn that feed text must never produce: any "<" control sequence but ours, formatting pairs. */
function activeMarkup(message: SlackMessage, routeMention: string | null): string[] {
  // The top-level text is mrkdwn; plain_text shows * _ ~ ` literally, so only < > and @ matter there.
  const texts: { text: string; mrkdwn: boolean }[] = [{ text: message.text, mrkdwn: true }];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.text === 'string') texts.push({ text: record.text, mrkdwn: record.type === 'mrkdwn' });
    Object.values(record).forEach(walk);
  };
  walk(message.blocks);
  const found: string[] = [];
  for (const { text: raw, mrkdwn } of texts) {
    let text = raw.replace(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^<>]*>/g, '');
    if (routeMention !== null) text = text.split(routeMention).join('');
    const m = (mrkdwn ? /[<>]|@(everyone|here|channel)|[*_~`]/ : /[<>]|@(everyone|here|channel)/).exec(text);
    if (m) found.push(m[0]);
  }
  return found;
}

function expectAccepted(message: SlackMessage): void {
  const { errors, textLength } = validateSlackBlocks(message.blocks);
  expect(errors).toEqual([]);
  expect(textLength).toBeLessThanOrEqual(12_000);
  expect(message.text.length).toBeLessThanOrEqual(4000);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
}

describe('renderSlackMessage', () => {
  test('renders a flash alert with facts and a group mention', () => {
    expect(renderSlackMessage(makeAlert({ alsoReportedBy: ['AP', 'BBC News'] }), { mention: GROUP })).toMatchSnapshot();
  });

  test('renders a normal alert without link, facts or mention', () => {
    expect(renderSlackMessage(makeAlert({ priority: 'normal', link: null, facts: null, matched: [] }), { mention: null })).toMatchSnapshot();
  });

  test.each(['<@U0ANALYST>', '<!subteam^S0OPS>', '<!here>', '<!channel>'])('route mention %s is the only mention', (mention) => {
    const message = renderSlackMessage(makeAlert({ summary: '@channel <!channel> <@U999>' }), { mention });
    expect(new Set(findMentions(message))).toEqual(new Set([mention]));
  });

  test.each(['@here', 'U0ANALYST', '<#C0123>', '<!everyone|x>'])('rejects %s as a route mention', (mention) => {
    expect(parseSlackMention(mention)).toBeNull();
    expect(() => renderSlackMessage(makeAlert(), { mention })).toThrow(/slack: route mention/);
  });

  test.each(HOSTILE_SNIPPETS.map((s) => [s]))('hostile text %j renders inert and valid', (snippet) => {
    const text = `Breaking ${snippet} news ${snippet}`;
    const alert = makeAlert({ title: text, summary: text, source: text, alsoReportedBy: [text], matched: [{ term: text, field: 'title', start: 0, end: 1 }] });
    const message = renderSlackMessage(alert, { mention: null });
    expect(activeMarkup(message, null)).toEqual([]);
    expect(findMentions(message)).toEqual([]);
    expectAccepted(message);
  });

  test('escapes control characters and neutralises formatting', () => {
    const message = renderSlackMessage(makeAlert({ summary: '> *Bold* claim & <!channel> <https://evil.example|click>' }), { mention: null });
    const section = message.blocks[1];
    expect(section?.type === 'section' ? section.text.text : null).toBe(
      'Kirkuk, Iraq · 1 killed, 4 wounded · Fri 27 Dec 2019\n\n\u200B&gt; \u2217Bold\u2217 claim &amp; &lt;!channel&gt; &lt;https://evil.example|click&gt;',
    );
  });

  test('a 10 kB title and summary of emoji are cut inside every limit without splitting a pair', () => {
    const message = renderSlackMessage(makeAlert({ title: '😀'.repeat(5000), summary: '🇮🇶 '.repeat(5000) }), { mention: GROUP });
    const header = message.blocks[0];
    expect(header?.type === 'header' ? header.text.text.length : 0).toBeLessThanOrEqual(150);
    expect(JSON.stringify(message)).not.toMatch(LONE_SURROGATE);
    expectAccepted(message);
  });

  test('property: any text in any field renders within every limit and mentions only the route', () => {
    const alertArb = fc.record({
      title: hostileText, summary: hostileText, source: hostileText, link: fc.option(hostileText),
      published: fc.date({ noInvalidDate: false }),
      alsoReportedBy: fc.array(hostileText, { maxLength: 5 }),
      terms: fc.array(hostileText, { maxLength: 4 }),
      place: hostileText, attribution: fc.option(hostileText),
      priority: fc.constantFrom('flash', 'normal', 'low'),
      mention: fc.constantFrom(null, GROUP, '<!here>'),
    });
    fc.assert(
      fc.property(alertArb, (a) => {
        const alert: Alert = makeAlert({
          title: a.title, summary: a.summary, source: a.source, link: a.link, alsoReportedBy: a.alsoReportedBy, published: a.published,
          matched: a.terms.map((term) => ({ term, field: 'body' as const, start: 0, end: 1 })), priority: a.priority as Alert['priority'],
          facts: { places: [{ name: a.place, country: 'NG' }], killed: 2, injured: null, when: null, attribution: a.attribution },
        });
        const message = renderSlackMessage(alert, { mention: a.mention });
        expectAccepted(message);
        expect(activeMarkup(message, a.mention)).toEqual([]);
        expect(new Set(findMentions(message))).toEqual(new Set(a.mention ? [a.mention] : []));
        expect(JSON.stringify(message)).not.toMatch(LONE_SURROGATE);
      }),
      { numRuns: 200 },
    );
  });
});

describe('renderSlackReply', () => {
  test('escapes and cuts a reply', () => {
    const reply = renderSlackReply(`Death toll now 3 <!channel> ${'x '.repeat(3000)}`);
    expect(reply.text.length).toBeLessThanOrEqual(4000);
    expect(reply.text.startsWith('Death toll now 3 &lt;!channel&gt;')).toBe(true);
    expect(findMentions({ text: reply.text, blocks: [] })).toEqual([]);
  });
});
