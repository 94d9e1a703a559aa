// Handles Discord interactions for `/news`: a slash command or an alert's "Mute rule 1 h"
// button becomes a Command for the core, whose Reply goes back within 3 s or is deferred and edited;
// autocomplete answers ≤ 25 choices. Who may change things is decided here (`canManage`).
// API: https://discord.com/developers/docs/interactions/receiving-and-responding
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { CommandInteractionOption, GuildMember, Interaction, APIInteractionGuildMember, PermissionsBitField, RepliableInteraction } from 'discord.js';
import type { CommandContext, CommandDeps } from '../../commands/command-deps.ts';
import type { Command } from '../../commands/command-input.ts';
import { refuse } from '../../commands/reply.ts';
import type { Reply } from '../../commands/reply.ts';
import { runCommand } from '../../commands/run-command.ts';
import type { Logger } from '../../log/create-logger.ts';
import { ALERT_MUTE_DURATION, parseMuteButton } from './slash-alert-buttons.ts';
import { suggestChoices } from './slash-autocomplete.ts';
import { commandFromSlash, NEWS_COMMAND_NAME } from './slash-command-definition.ts';
import { EPHEMERAL_FLAG, renderDiscordCommandReply } from './render-discord-command-reply.ts';

export interface InteractionHandlerOptions {
  readonly deps: CommandDeps;
  /** Members with one of these roles may run managing commands, besides those with Manage Server. */
  readonly managerRoleIds: readonly string[];
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** A reply not ready after this long is deferred (type 5) and edited later; Discord allows 3 s. 0: always defer. */
  readonly deferAfterMs?: number;
  readonly now?: () => Date;
}

const DEFAULT_DEFER_AFTER_MS = 2000;
/** Commands whose reply is private to the asker: deferred as ephemeral so the edit stays private. */
const PRIVATE_COMMANDS: ReadonlySet<Command['name']> = new Set(['help', 'rules list', 'rules add', 'rules remove', 'rules test', 'feeds list', 'feeds add', 'feeds remove', 'feeds status']);

export function createInteractionHandler(opts: InteractionHandlerOptions): (interaction: Interaction) => Promise<void> {
  const now = opts.now ?? (() => new Date());
  const deferAfterMs = opts.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;

  const run = (interaction: RepliableInteraction, command: Command): Promise<void> => {
    const context: CommandContext = {
      user: interaction.user.id,
      canManage: canManage(interaction.member, interaction.memberPermissions, opts.managerRoleIds),
      channel: interaction.channelId === null ? null : { platform: 'discord', id: interaction.channelId },
      now: now(),
    };
    opts.log.info({ platform: 'discord', user: context.user, guild: interaction.guildId, command: command.name, canManage: context.canManage }, 'command');
    const work = runCommand(command, context, opts.deps).catch((error: unknown) => {
      opts.log.error({ err: error, command: command.name }, 'discord: command failed');
      return refuse('Something went wrong', 'the command failed inside wirewatch; the operator log has the details');
    });
    return answer(interaction, work, PRIVATE_COMMANDS.has(command.name), deferAfterMs);
  };

  return async (interaction) => {
    if (interaction.isAutocomplete()) {
      if (interaction.commandName !== NEWS_COMMAND_NAME) return;
      const focused = interaction.options.getFocused(true);
      await interaction.respond(await suggestChoices(focused.name, String(focused.value), opts.deps));
    } else if (interaction.isChatInputCommand()) {
      if (interaction.commandName !== NEWS_COMMAND_NAME) return;
      const translated = commandFromSlash({
        group: interaction.options.getSubcommandGroup(false),
        subcommand: interaction.options.getSubcommand(true),
        options: stringOptions(interaction.options.data),
      });
      if (translated.kind === 'unknown') return answer(interaction, Promise.resolve(refuse('Unknown command', translated.reason)), true, deferAfterMs);
      await run(interaction, translated.command);
    } else if (interaction.isButton()) {
      const rule = parseMuteButton(interaction.customId);
      if (rule === null) return;
      await run(interaction, { name: 'mute', rule, duration: ALERT_MUTE_DURATION });
    }
  };
}

/** Manage Server (Administrator implies it) or one of the manager roles. */
export function canManage(member: GuildMember | APIInteractionGuildMember | null, permissions: Readonly<PermissionsBitField> | null, managerRoleIds: readonly string[]): boolean {
  if (permissions?.has(PermissionFlagsBits.ManageGuild) === true) return true;
  if (member === null || managerRoleIds.length === 0) return false;
  const roles: readonly string[] = Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return roles.some((role) => managerRoleIds.includes(role));
}

/** The string options given, at any depth (subcommand group → subcommand → options). */
function stringOptions(data: readonly CommandInteractionOption[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const option of data) {
    if (option.options !== undefined) Object.assign(out, stringOptions(option.options));
    else if (typeof option.value === 'string') out[option.name] = option.value;
  }
  return out;
}

/**
 * Replies at once when the core answers within `deferAfterMs`; otherwise defers (type 5, ephemeral
 * when the command's replies are private) and edits the original response. A refusal to a command
 * deferred in public is moved out of sight: the public placeholder is deleted, the reason followed up privately.
 */
async function answer(interaction: RepliableInteraction, work: Promise<Reply>, private_: boolean, deferAfterMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const early = deferAfterMs <= 0 ? null : await Promise.race([
    work.then((reply) => ({ reply })),
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), deferAfterMs))),
  ]);
  clearTimeout(timer);
  if (early !== null) {
    const body = renderDiscordCommandReply(early.reply);
    await interaction.reply({ embeds: body.embeds, allowedMentions: { parse: [] }, ...(body.flags === undefined ? {} : { flags: MessageFlags.Ephemeral }) });
    return;
  }
  await interaction.deferReply(private_ ? { flags: MessageFlags.Ephemeral } : {});
  const body = renderDiscordCommandReply(await work);
  if (!private_ && body.flags === EPHEMERAL_FLAG) {
    await interaction.deleteReply();
    await interaction.followUp({ embeds: body.embeds, allowedMentions: { parse: [] }, flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.editReply({ embeds: body.embeds, allowedMentions: { parse: [] } });
}
