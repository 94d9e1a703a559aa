// `rules list | add <id> <query> | remove <id>`. Rules live in the database (seeded from
// the config file); a new rule gets the rule language's parse errors (docs/rules.md, "Errors").
import { compileOne } from '../rules/compile-rules.ts';
import type { CommandContext, CommandDeps } from './command-deps.ts';
import { INPUT_LIMITS } from './command-input.ts';
import { refuse, reply } from './reply.ts';
import type { Reply } from './reply.ts';
import { checkRuleRef } from './rule-ref.ts';

const MAX_LISTED = 50;

export async function listRules(deps: CommandDeps, context: CommandContext): Promise<Reply> {
  const [rules, mutes, routes] = await Promise.all([deps.settings.loadActiveRules(), deps.settings.activeMutes(context.now), deps.settings.listRoutes()]);
  if (rules.length === 0) return reply('Rules', { lines: ['No rules yet. Add one: rules add <id> <query>'], ephemeral: true });
  const lines = rules.slice(0, MAX_LISTED).map((rule) => {
    const muted = mutes.get(rule.id);
    const channels = routes.filter((r) => r.ruleId === rule.id).length;
    const notes = [
      rule.origin === 'config' ? 'from config' : null,
      muted === undefined ? null : `muted until ${muted.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      channels === 0 ? null : `${channels} channel${channels === 1 ? '' : 's'}`,
    ].filter((n) => n !== null);
    return `${rule.id}: ${rule.query}${notes.length === 0 ? '' : ` (${notes.join(', ')})`}`;
  });
  if (rules.length > MAX_LISTED) lines.push(`…and ${rules.length - MAX_LISTED} more`);
  return reply(`Rules (${rules.length})`, { lines, ephemeral: true });
}

export async function addRuleFromChat(id: string, query: string, deps: CommandDeps, context: CommandContext): Promise<Reply> {
  const badId = checkRuleRef(id);
  if (badId !== null) return refuse('Rule not added', badId);
  if (query.length > INPUT_LIMITS.query) return refuse('Rule not added', `a query is at most ${INPUT_LIMITS.query} characters; this one has ${query.length}`);
  const compiled = compileOne(query, deps.compileOptions);
  if (compiled.kind === 'invalid') return refuse('Rule not added', compiled.error.withRuleId(id).message);
  const outcome = await deps.settings.addRule({ id, query }, context.user, context.now);
  if (outcome === 'exists') return refuse('Rule not added', `a rule "${id}" exists already; remove it first or pick another id`);
  return reply(`Rule ${id} added`, { lines: [query, 'It applies to new items from the next poll. Route it here with: subscribe ' + id], ephemeral: true });
}

export async function removeRuleFromChat(id: string, deps: CommandDeps, context: CommandContext): Promise<Reply> {
  const badId = checkRuleRef(id);
  if (badId !== null) return refuse('Rule not removed', badId);
  const removed = await deps.settings.removeRule(id, context.user, context.now);
  if (!removed) return refuse('Rule not removed', `there is no rule "${id}"`);
  return reply(`Rule ${id} removed`, { lines: ['Its channel subscriptions and mute went with it.'], ephemeral: true });
}
