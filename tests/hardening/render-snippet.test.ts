// Search highlights on both platforms through their real reply renderers: adjacent matched words
// keep the space between them (they once fused into `**a****b**` on Discord and `*a**b*` on Slack).
import { describe, expect, it } from 'vitest';
import { renderDiscordCommandReply } from '../../src/chat/discord/render-discord-command-reply.ts';
import { renderSlackCommandReply } from '../../src/chat/slack/render-slack-command-reply.ts';
import { reply, type Segment } from '../../src/commands/reply.ts';

const seg = (text: string, highlight = false): Segment => ({ text, highlight });

function rendered(snippet: readonly Segment[]): { discord: string; slack: string } {
  const r = reply('Search', { items: [{ title: 'Zebrafalcon sighted', link: null, source: 'Wire', time: new Date('2026-03-10T12:00:00Z'), snippet, note: null }] });
  const discord = renderDiscordCommandReply(r).embeds[0]?.fields?.map((f) => f.value).join('\n') ?? '';
  const slack = JSON.stringify(renderSlackCommandReply(r).blocks);
  return { discord, slack };
}

describe('snippet highlights', () => {
  it.each<[string, Segment[], string, string]>([
    ['two adjacent matches', [seg('zebrafalcon', true), seg(' '), seg('sighted', true)], '**zebrafalcon** **sighted**', '*zebrafalcon* *sighted*'],
    ['a run of spaces between them', [seg('zebrafalcon', true), seg('   '), seg('sighted', true)], '**zebrafalcon** **sighted**', '*zebrafalcon* *sighted*'],
    ['a match after text', [seg('Rare '), seg('zebrafalcon', true), seg(' seen')], 'Rare **zebrafalcon** seen', 'Rare *zebrafalcon* seen'],
    ['a match inside a hyphenated word', [seg('zebra', true), seg('-'), seg('falcon', true)], '**zebra**\\-**falcon**', '*zebra*-*falcon*'],
  ])('%s', (_name, snippet, discord, slack) => {
    const out = rendered(snippet);
    expect(out.discord).toContain(discord);
    expect(out.slack).toContain(slack);
    expect(out.discord).not.toContain('****');
    expect(out.slack).not.toMatch(/[^*\s]\*\*[^*\s]/);
  });
});
