// A full 600-character summary in every renderer: the facts line comes first, the summary follows
// in paragraphs separated by a blank line, and every platform limit holds.
import { describe, expect, it } from 'vitest';
import { makeAlert } from './alert-fixture.ts';
import { renderConsoleAlert } from '../../src/chat/console/render-console-alert.ts';
import { DISCORD_LIMITS, renderDiscordEmbed } from '../../src/chat/discord/render-discord-embed.ts';
import { SLACK_LIMITS, renderSlackMessage } from '../../src/chat/slack/render-slack-message.ts';

const SENTENCES = [
  'More than 30 rockets were fired at an Iraqi military base near Kirkuk on Friday, killing a US civilian contractor.',
  'Four US service members and two Iraqi personnel were wounded, the coalition said in a statement.',
  'No group claimed the attack, the largest of a string of rocket strikes on bases housing US troops since October.',
  'Washington has blamed earlier attacks on Iran-backed Shiite paramilitary factions and asked Baghdad to do more.',
  'The base was hit again on Saturday morning, local officials said.',
];
const summary = SENTENCES.join(' ');
const FACTS = 'Kirkuk, Iraq · 1 killed, 4 wounded · Fri 27 Dec 2019';

describe('alert summary layout', () => {
  it('uses a summary close to the 600-character budget', () => {
    expect(summary.length).toBeGreaterThan(500);
    expect(summary.length).toBeLessThanOrEqual(600);
  });

  it('console: facts line, then paragraphs of whole sentences', () => {
    const text = renderConsoleAlert(makeAlert({ summary }));
    const lines = text.split('\n');
    expect(lines[2]).toBe('Kirkuk · 1 killed, 4 injured · Fri 27 Dec 2019');
    const body = text.slice(text.indexOf(lines[2] ?? '') + (lines[2] ?? '').length, text.indexOf('Source:')).trim();
    expect(body.split('\n\n')).toHaveLength(3);
    expect(body.replace(/\s+/g, ' ')).toBe(summary);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(72);
  });

  it('Discord: the description opens with the facts line and keeps to the limits', () => {
    const embed = renderDiscordEmbed(makeAlert({ summary }), { mention: null }).embeds[0];
    const [facts, ...paragraphs] = (embed?.description ?? '').split('\n\n');
    expect(facts).toBe(FACTS);
    expect(paragraphs).toHaveLength(3);
    expect(embed?.description?.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
  });

  it('Slack: the section opens with the facts line and keeps to the limits', () => {
    const block = renderSlackMessage(makeAlert({ summary }), { mention: null }).blocks[1];
    const text = block?.type === 'section' ? block.text.text : '';
    const [facts, ...paragraphs] = text.split('\n\n');
    expect(facts).toBe(FACTS);
    expect(paragraphs).toHaveLength(3);
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  });
});
