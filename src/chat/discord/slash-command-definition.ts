// The Discord `/news` application command (subcommands, typed options, autocomplete) and the way
// back from an interaction's options to the core's Command value (limits: docs/chat-limits.md).
// API: https://discord.com/developers/docs/interactions/application-commands
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody, APIApplicationCommandOption } from 'discord.js';
import { INPUT_LIMITS } from '../../commands/command-input.ts';
import type { Command } from '../../commands/command-input.ts';

export const NEWS_COMMAND_NAME = 'news';

type Option = APIApplicationCommandOption;
const { String: STRING, Subcommand: SUB, SubcommandGroup: GROUP } = ApplicationCommandOptionType;

const ruleOption = (description: string, required = true): Option => ({
  type: STRING, name: 'rule', description, required, autocomplete: true, max_length: INPUT_LIMITS.ruleId,
});
const queryOption = (description: string): Option => ({
  type: STRING, name: 'query', description, required: true, max_length: INPUT_LIMITS.query,
});
const sub = (name: string, description: string, options: Option[] = []): Option =>
  ({ type: SUB, name, description, options }) as Option;

/** The command as registered (bulk overwrite per guild): 10 top-level entries, each within Discord's limits. */
export const NEWS_COMMAND: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: NEWS_COMMAND_NAME,
  type: ApplicationCommandType.ChatInput,
  description: 'Search the news wire, see recent alerts, manage rules, feeds and mutes',
  contexts: [InteractionContextType.Guild],
  options: [
    sub('search', 'Stored items matching a rule query, newest first', [queryOption('e.g. "rocket attack" AND Iraq')]),
    sub('recent', 'The latest alerts', [
      ruleOption('Only alerts of this rule', false),
      { type: STRING, name: 'since', description: 'How far back: 30m, 6h, 2d (default 24h)', required: false, max_length: INPUT_LIMITS.duration },
    ]),
    {
      type: GROUP,
      name: 'rules',
      description: 'Alert rules',
      options: [
        sub('list', 'All rules, with mutes and subscribed channels'),
        sub('add', 'Add a rule (needs the manager role or Manage Server)', [
          { type: STRING, name: 'id', description: 'Rule id: letters, digits, . _ -', required: true, max_length: INPUT_LIMITS.ruleId },
          queryOption('The rule query, e.g. "rocket attack" AND place:Iraq'),
        ]),
        sub('remove', 'Remove a rule (needs the manager role or Manage Server)', [ruleOption('The rule to remove')]),
        sub('test', 'What a query would have matched in the last 7 days', [queryOption('The rule query to try')]),
      ],
    } as Option,
    {
      type: GROUP,
      name: 'feeds',
      description: 'Watched feeds',
      options: [
        sub('list', 'All watched feeds'),
        sub('add', 'Watch a feed (needs the manager role or Manage Server)', [
          { type: STRING, name: 'url', description: 'The feed address (http or https)', required: true, max_length: INPUT_LIMITS.url },
        ]),
        sub('remove', 'Stop watching a feed (needs the manager role or Manage Server)', [
          { type: STRING, name: 'url', description: 'The feed address or id', required: true, autocomplete: true, max_length: INPUT_LIMITS.url },
        ]),
        sub('status', 'Feed health: last success, last error, next poll'),
      ],
    } as Option,
    sub('mute', 'Silence a rule for a while (needs the manager role or Manage Server)', [
      ruleOption('The rule to mute'),
      { type: STRING, name: 'duration', description: 'How long: 30m, 2h, 1d', required: true, max_length: INPUT_LIMITS.duration },
    ]),
    sub('unmute', 'End a mute (needs the manager role or Manage Server)', [ruleOption('The rule to unmute')]),
    sub('subscribe', 'Send a rule\'s alerts to this channel (needs the manager role or Manage Server)', [
      ruleOption('The rule'),
      {
        type: STRING, name: 'priority', description: 'Alert priority (default normal)', required: false,
        choices: [{ name: 'flash', value: 'flash' }, { name: 'normal', value: 'normal' }, { name: 'low', value: 'low' }],
      },
    ]),
    sub('unsubscribe', 'Stop a rule\'s alerts in this channel (needs the manager role or Manage Server)', [ruleOption('The rule')]),
    sub('status', 'Feeds healthy and failing, alerts today, outbox backlog, version'),
    sub('help', 'How to use /news'),
  ],
};

/** What an interaction carries: the group and subcommand names and the string options given. */
export interface SlashInvocation {
  readonly group: string | null;
  readonly subcommand: string;
  readonly options: Readonly<Record<string, string>>;
}

export type SlashTranslation = { readonly kind: 'ok'; readonly command: Command } | { readonly kind: 'unknown'; readonly reason: string };

/** The Command for an invocation; 'unknown' only when Discord sends a command this version does not register. */
export function commandFromSlash(invocation: SlashInvocation): SlashTranslation {
  const { group, subcommand, options } = invocation;
  const text = (name: string): string => options[name] ?? '';
  const maybe = (name: string): string | null => options[name] ?? null;
  const key = group === null ? subcommand : `${group} ${subcommand}`;
  const ok = (command: Command): SlashTranslation => ({ kind: 'ok', command });
  switch (key) {
    case 'help': return ok({ name: 'help' });
    case 'search': return ok({ name: 'search', query: text('query') });
    case 'recent': return ok({ name: 'recent', rule: maybe('rule'), since: maybe('since') });
    case 'rules list': return ok({ name: 'rules list' });
    case 'rules add': return ok({ name: 'rules add', id: text('id'), query: text('query') });
    case 'rules remove': return ok({ name: 'rules remove', id: text('rule') });
    case 'rules test': return ok({ name: 'rules test', query: text('query') });
    case 'feeds list': return ok({ name: 'feeds list' });
    case 'feeds add': return ok({ name: 'feeds add', url: text('url') });
    case 'feeds remove': return ok({ name: 'feeds remove', url: text('url') });
    case 'feeds status': return ok({ name: 'feeds status' });
    case 'mute': return ok({ name: 'mute', rule: text('rule'), duration: text('duration') });
    case 'unmute': return ok({ name: 'unmute', rule: text('rule') });
    case 'subscribe': return ok({ name: 'subscribe', rule: text('rule'), priority: maybe('priority') });
    case 'unsubscribe': return ok({ name: 'unsubscribe', rule: text('rule') });
    case 'status': return ok({ name: 'status' });
    default: return { kind: 'unknown', reason: `"/news ${key.slice(0, 60)}" is not a command of this version; the command list may be out of date` };
  }
}
