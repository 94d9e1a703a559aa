// The slash commands as values, and the parser for their text form (`/news rules add id query`,
// what Slack sends and what tests write). Discord builds the same values from its typed options.
import { QUERY_LIMITS } from '../rules/query-ast.ts';
import { parseDurationSeconds } from '../config/duration.ts';

export type Command =
  | { readonly name: 'help' }
  | { readonly name: 'search'; readonly query: string }
  | { readonly name: 'recent'; readonly rule: string | null; readonly since: string | null }
  | { readonly name: 'rules list' }
  | { readonly name: 'rules add'; readonly id: string; readonly query: string }
  | { readonly name: 'rules remove'; readonly id: string }
  | { readonly name: 'rules test'; readonly query: string }
  | { readonly name: 'feeds list' }
  | { readonly name: 'feeds add'; readonly url: string }
  | { readonly name: 'feeds remove'; readonly url: string }
  | { readonly name: 'feeds status' }
  | { readonly name: 'mute'; readonly rule: string; readonly duration: string }
  | { readonly name: 'unmute'; readonly rule: string }
  | { readonly name: 'subscribe'; readonly rule: string; readonly priority: string | null }
  | { readonly name: 'unsubscribe'; readonly rule: string }
  | { readonly name: 'status' };

export type CommandName = Command['name'];

/** Commands that change the bot's setup: they need `canManage`. */
export const MANAGING: ReadonlySet<CommandName> = new Set<CommandName>([
  'rules add',
  'rules remove',
  'feeds add',
  'feeds remove',
  'mute',
  'unmute',
  'subscribe',
  'unsubscribe',
]);

/** Input limits (UTF-16 code units), checked before anything else is done with the text. */
export const INPUT_LIMITS = {
  text: QUERY_LIMITS.maxLength + 200,
  query: QUERY_LIMITS.maxLength,
  ruleId: 64,
  url: 2048,
  duration: 16,
} as const;

export const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export type ParsedText = { readonly kind: 'ok'; readonly command: Command } | { readonly kind: 'invalid'; readonly reason: string };

/** Usage lines, also the `help` reply. */
export const USAGE: readonly string[] = [
  'search <query> — stored items matching a rule query, newest first',
  'recent [rule] [since] — the latest alerts (since: 30m, 6h, 2d; default 24h)',
  'rules list | add <id> <query> | remove <id> | test <query>',
  'feeds list | add <url> | remove <url or id> | status',
  'mute <rule> <duration> | unmute <rule>',
  'subscribe <rule> [flash|normal|low] | unsubscribe <rule> — in this channel',
  'status — feeds, alerts today, outbox backlog, version',
];

/** Parses the text after `/news`. The query of `search`, `rules add` and `rules test` is the rest of the text, verbatim. */
export function parseCommandText(text: string): ParsedText {
  if (text.length > INPUT_LIMITS.text) return invalid(`the command is ${text.length} characters long; at most ${INPUT_LIMITS.text} are accepted`);
  const trimmed = text.trim();
  const [head = '', rest] = splitFirst(trimmed);
  switch (head.toLowerCase()) {
    case '':
    case 'help':
      return ok({ name: 'help' });
    case 'search':
      return rest === '' ? invalid('usage: search <query>') : ok({ name: 'search', query: rest });
    case 'recent': {
      const args = words(rest);
      if (args.length > 2) return invalid('usage: recent [rule] [since]');
      const [first = null, second = null] = args;
      if (second !== null) return ok({ name: 'recent', rule: first, since: second });
      if (first !== null && parseDurationSeconds(first) !== null) return ok({ name: 'recent', rule: null, since: first });
      return ok({ name: 'recent', rule: first, since: null });
    }
    case 'rules':
      return parseRules(rest);
    case 'feeds':
      return parseFeeds(rest);
    case 'mute': {
      const args = words(rest);
      return args.length === 2 ? ok({ name: 'mute', rule: args[0] ?? '', duration: args[1] ?? '' }) : invalid('usage: mute <rule> <duration>, e.g. mute kirkuk 2h');
    }
    case 'unmute':
      return single(rest, 'usage: unmute <rule>', (rule) => ({ name: 'unmute', rule }));
    case 'subscribe': {
      const args = words(rest);
      if (args.length < 1 || args.length > 2) return invalid('usage: subscribe <rule> [flash|normal|low]');
      return ok({ name: 'subscribe', rule: args[0] ?? '', priority: args[1] ?? null });
    }
    case 'unsubscribe':
      return single(rest, 'usage: unsubscribe <rule>', (rule) => ({ name: 'unsubscribe', rule }));
    case 'status':
      return rest === '' ? ok({ name: 'status' }) : invalid('usage: status');
    default:
      return invalid(`unknown command "${clip(head)}"; try: ${['search', 'recent', 'rules', 'feeds', 'mute', 'unmute', 'subscribe', 'unsubscribe', 'status'].join(', ')}`);
  }
}

function parseRules(text: string): ParsedText {
  const [sub = '', rest] = splitFirst(text);
  switch (sub.toLowerCase()) {
    case 'list':
      return rest === '' ? ok({ name: 'rules list' }) : invalid('usage: rules list');
    case 'add': {
      const [id = '', query] = splitFirst(rest);
      return id === '' || query === '' ? invalid('usage: rules add <id> <query>, e.g. rules add kirkuk "rocket attack" place:Iraq') : ok({ name: 'rules add', id, query });
    }
    case 'remove':
      return single(rest, 'usage: rules remove <id>', (id) => ({ name: 'rules remove', id }));
    case 'test':
      return rest === '' ? invalid('usage: rules test <query>') : ok({ name: 'rules test', query: rest });
    default:
      return invalid('usage: rules list | add <id> <query> | remove <id> | test <query>');
  }
}

function parseFeeds(text: string): ParsedText {
  const [sub = '', rest] = splitFirst(text);
  switch (sub.toLowerCase()) {
    case 'list':
      return rest === '' ? ok({ name: 'feeds list' }) : invalid('usage: feeds list');
    case 'status':
      return rest === '' ? ok({ name: 'feeds status' }) : invalid('usage: feeds status');
    case 'add':
      return single(stripAngles(rest), 'usage: feeds add <url>', (url) => ({ name: 'feeds add', url }));
    case 'remove':
      return single(stripAngles(rest), 'usage: feeds remove <url or id>', (url) => ({ name: 'feeds remove', url }));
    default:
      return invalid('usage: feeds list | add <url> | remove <url or id> | status');
  }
}

/** Slack wraps links as <https://…> or <https://…|label>. */
function stripAngles(text: string): string {
  const m = /^<([^|>]+)(?:\|[^>]*)?>$/.exec(text);
  return m?.[1] ?? text;
}

function single(text: string, usage: string, make: (arg: string) => Command): ParsedText {
  const args = words(text);
  return args.length === 1 ? ok(make(args[0] ?? '')) : invalid(usage);
}

function splitFirst(text: string): [string, string] {
  const m = /^(\S*)\s*([\s\S]*)$/.exec(text.trim());
  return [m?.[1] ?? '', (m?.[2] ?? '').trim()];
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function ok(command: Command): ParsedText {
  return { kind: 'ok', command };
}

function invalid(reason: string): ParsedText {
  return { kind: 'invalid', reason };
}
