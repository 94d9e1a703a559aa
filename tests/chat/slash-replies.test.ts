// The `/news` renderers and the Discord command definition, without a client: any Reply fits every
// Discord and Slack limit (checked by the emulators' own validators) and pings nobody; every registered
// subcommand translates to a Command the core knows (docs/chat-limits.md).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ApplicationCommandOptionType, PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import type { APIInteractionGuildMember, GuildMember } from 'discord.js';
import { canManage } from '../../src/chat/discord/slash-interactions.ts';
import type { Reply } from '../../src/commands/reply.ts';
import { parseCommandText } from '../../src/commands/command-input.ts';
import { renderDiscordCommandReply, EPHEMERAL_FLAG } from '../../src/chat/discord/render-discord-command-reply.ts';
import { commandFromSlash, NEWS_COMMAND } from '../../src/chat/discord/slash-command-definition.ts';
import { parseMuteButton, renderDiscordAlertButtons } from '../../src/chat/discord/slash-alert-buttons.ts';
import { renderSlackCommandReply } from '../../src/chat/slack/render-slack-command-reply.ts';
import { parseMuteValue, renderSlackMuteButton } from '../../src/chat/slack/slash-alert-actions.ts';
import { validateMessage } from '../support/discord-emulator.ts';
import { findMentions, validateSlackBlocks } from '../support/slack-emulator.ts';
import { hostileText } from './hostile-text.ts';

const text = (max: number) => fc.oneof(fc.string({ maxLength: max }), fc.string({ unit: 'grapheme', maxLength: max }), hostileText.map((t) => t.slice(0, max * 4)), fc.constant('x'.repeat(max)));
const segment = fc.record({ text: text(300), highlight: fc.boolean() });
const item = fc.record({
  title: text(600),
  link: fc.option(fc.oneof(fc.webUrl(), text(50)), { nil: null }),
  source: text(200),
  time: fc.date({ noInvalidDate: false }),
  snippet: fc.array(segment, { maxLength: 12 }),
  note: fc.option(text(80), { nil: null }),
});
const replyArb: fc.Arbitrary<Reply> = fc.record({
  title: text(400),
  lines: fc.array(text(1500), { maxLength: 60 }),
  fields: fc.array(fc.record({ name: text(300), value: text(1500) }), { maxLength: 30 }),
  items: fc.array(item, { maxLength: 14 }),
  ephemeral: fc.boolean(),
  error: fc.boolean(),
});

describe('any reply fits', () => {
  test('Discord: a valid interaction message, pings nobody, flag 64 exactly for private replies and errors', () => {
    fc.assert(fc.property(replyArb, (reply) => {
      const body = renderDiscordCommandReply(reply);
      expect(validateMessage(body as unknown as Record<string, unknown>, 'create')).toBeNull();
      expect(body.allowed_mentions).toEqual({ parse: [] });
      // Embeds never notify, but a quoted or copied text must not carry a live mention either.
      expect(JSON.stringify(body.embeds)).not.toMatch(/@(everyone|here)|<@[!&]?\d|<#\d/);
      expect(body.flags === EPHEMERAL_FLAG).toBe(reply.ephemeral || reply.error);
    }), { numRuns: 150 });
  });

  test('Slack: valid blocks within the total, no mentions, ephemeral exactly for private replies and errors', () => {
    fc.assert(fc.property(replyArb, (reply) => {
      const response = renderSlackCommandReply(reply);
      const checked = validateSlackBlocks(response.blocks);
      expect(checked.errors).toEqual([]);
      expect(checked.textLength).toBeLessThanOrEqual(12_000);
      expect(response.text.length).toBeLessThanOrEqual(4000);
      expect(findMentions({ text: response.text, blocks: response.blocks })).toEqual([]);
      expect(response.response_type === 'ephemeral').toBe(reply.ephemeral || reply.error);
    }), { numRuns: 150 });
  });
});

/** Every subcommand path of the registered command, with made-up values for its options. */
function invocations(): { group: string | null; subcommand: string; options: Record<string, string> }[] {
  const out: { group: string | null; subcommand: string; options: Record<string, string> }[] = [];
  const valuesOf = (options: readonly { name: string; type: number }[] = []) =>
    Object.fromEntries(options.filter((o) => o.type === ApplicationCommandOptionType.String).map((o) => [o.name, o.name === 'url' ? 'https://news.example/feed.xml' : o.name === 'duration' || o.name === 'since' ? '2h' : o.name === 'priority' ? 'flash' : `v-${o.name}`]));
  for (const top of NEWS_COMMAND.options ?? []) {
    if (top.type === ApplicationCommandOptionType.SubcommandGroup) {
      for (const sub of top.options ?? []) out.push({ group: top.name, subcommand: sub.name, options: valuesOf(sub.options) });
    } else if (top.type === ApplicationCommandOptionType.Subcommand) {
      out.push({ group: null, subcommand: top.name, options: valuesOf(top.options) });
    }
  }
  return out;
}

describe('the /news definition', () => {
  test('has every command of the core, each translating to the same Command as its text form', () => {
    const all = invocations();
    expect(all).toHaveLength(16);
    for (const invocation of all) {
      const translated = commandFromSlash(invocation);
      if (translated.kind !== 'ok') throw new Error(`${invocation.subcommand}: ${translated.reason}`);
      const { name, ...args } = translated.command;
      const words = [name, ...Object.values(args).filter((v) => v !== null)].join(' ');
      const parsed = parseCommandText(words);
      expect(parsed).toEqual({ kind: 'ok', command: translated.command });
    }
  });

  test('stays within Discord\'s command limits', () => {
    const check = (option: { name: string; description: string; options?: unknown[] }): void => {
      expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(option.description.length).toBeGreaterThan(0);
      expect(option.description.length).toBeLessThanOrEqual(100);
      expect((option.options ?? []).length).toBeLessThanOrEqual(25);
      for (const child of (option.options ?? []) as { name: string; description: string; options?: unknown[] }[]) check(child);
    };
    check(NEWS_COMMAND as { name: string; description: string; options?: unknown[] });
  });

  test('a command this version does not know is reported, not guessed', () => {
    expect(commandFromSlash({ group: null, subcommand: 'purge', options: {} }).kind).toBe('unknown');
  });
});

describe('alert buttons round-trip the rule id', () => {
  test.each(['kirkuk', 'a.b_c-1', 'x'.repeat(64)])('%s', (ruleId) => {
    const row = renderDiscordAlertButtons({ ruleId, link: 'https://news.example/a' })[0];
    const customId = (row?.components[0] as { custom_id: string }).custom_id;
    expect(customId.length).toBeLessThanOrEqual(100);
    expect(parseMuteButton(customId)).toBe(ruleId);
    expect(parseMuteValue(renderSlackMuteButton({ ruleId })?.value)).toBe(ruleId);
  });

  test('foreign custom ids and a link that is not http(s) are ignored', () => {
    expect(parseMuteButton('other:mute:kirkuk')).toBeNull();
    expect(parseMuteButton('wirewatch:mute:../../x')).toBeNull();
    expect(renderDiscordAlertButtons({ ruleId: 'kirkuk', link: 'javascript:alert(1)' })[0]?.components).toHaveLength(1);
  });
});

describe('who may manage on Discord', () => {
  const ROLE = '500000000000000001';
  const bits = (...flags: bigint[]) => new PermissionsBitField(flags.reduce((a, b) => a | b, 0n));
  // The member as discord.js hands it over: the raw API member when the guild is not cached, a GuildMember when it is.
  const raw = (roles: string[]) => ({ roles }) as unknown as APIInteractionGuildMember;
  const cached = (roles: string[]) => ({ roles: { cache: new Map(roles.map((r) => [r, {}])) } }) as unknown as GuildMember;
  test.each([
    ['Manage Server', raw([]), bits(PermissionFlagsBits.ManageGuild), true],
    ['Administrator (implies it)', raw([]), bits(PermissionFlagsBits.Administrator), true],
    ['the manager role (raw member)', raw([ROLE]), bits(), true],
    ['the manager role (cached member)', cached(['1', ROLE]), bits(), true],
    ['another role', cached(['1']), bits(PermissionFlagsBits.SendMessages), false],
    ['no member (a DM)', null, null, false],
  ])('%s', (_name, member, permissions, expected) => {
    expect(canManage(member, permissions, [ROLE])).toBe(expected);
  });
});
