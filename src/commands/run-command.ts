// The slash-command core (docs/architecture.md "Thin adapters"): one platform-neutral entry point,
// `(command, context, deps) → Reply`, that the Discord and Slack front ends call and render.
import type { CommandContext, CommandDeps } from './command-deps.ts';
import { MANAGING, USAGE } from './command-input.ts';
import type { Command } from './command-input.ts';
import { addFeedFromChat, feedStatus, listFeeds, removeFeedFromChat } from './feeds-commands.ts';
import { refuse, reply } from './reply.ts';
import type { Reply } from './reply.ts';
import { addRuleFromChat, listRules, removeRuleFromChat } from './rules-commands.ts';
import { muteFromChat, subscribeFromChat, unmuteFromChat, unsubscribeFromChat } from './routing-commands.ts';
import { listRecent, searchItems, testRule } from './search-commands.ts';
import { showStatus } from './status-command.ts';

export const NO_PERMISSION =
  'this command changes what wirewatch watches or where it posts: it needs the Manage Server permission or the configured role (Discord), or a configured user or user group (Slack)';

export async function runCommand(command: Command, context: CommandContext, deps: CommandDeps): Promise<Reply> {
  if (!MANAGING.has(command.name)) return answer(command, context, deps);
  if (!context.canManage) return refuse('Not allowed', NO_PERMISSION);
  try {
    return await answer(command, context, deps);
  } finally {
    deps.changed?.();
  }
}

async function answer(command: Command, context: CommandContext, deps: CommandDeps): Promise<Reply> {
  switch (command.name) {
    case 'help':
      return reply('wirewatch commands', { lines: USAGE, ephemeral: true });
    case 'search':
      return searchItems(command.query, deps);
    case 'recent':
      return listRecent(command.rule, command.since, deps, context);
    case 'rules list':
      return listRules(deps, context);
    case 'rules add':
      return addRuleFromChat(command.id, command.query, deps, context);
    case 'rules remove':
      return removeRuleFromChat(command.id, deps, context);
    case 'rules test':
      return testRule(command.query, deps, context);
    case 'feeds list':
      return listFeeds(deps);
    case 'feeds add':
      return addFeedFromChat(command.url, deps, context);
    case 'feeds remove':
      return removeFeedFromChat(command.url, deps, context);
    case 'feeds status':
      return feedStatus(deps, context);
    case 'mute':
      return muteFromChat(command.rule, command.duration, deps, context);
    case 'unmute':
      return unmuteFromChat(command.rule, deps, context);
    case 'subscribe':
      return subscribeFromChat(command.rule, command.priority, deps, context);
    case 'unsubscribe':
      return unsubscribeFromChat(command.rule, deps, context);
    case 'status':
      return showStatus(deps, context);
  }
}
