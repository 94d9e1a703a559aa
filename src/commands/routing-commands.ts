// `mute <rule> <duration>`, `unmute <rule>`, `subscribe <rule> [priority]`, `unsubscribe <rule>`
//: stored in the database; the worker picks them up through the change counter.
import { parseDurationSeconds } from '../config/duration.ts';
import type { Priority } from '../domain/alert.ts';
import { channelDestination } from './command-deps.ts';
import type { CommandContext, CommandDeps } from './command-deps.ts';
import { INPUT_LIMITS } from './command-input.ts';
import { refuse, reply } from './reply.ts';
import type { Reply } from './reply.ts';
import { checkRuleRef } from './rule-ref.ts';

const MIN_MUTE_SECONDS = 60;
const MAX_MUTE_SECONDS = 30 * 86_400;
const PRIORITIES: readonly Priority[] = ['flash', 'normal', 'low'];

export async function muteFromChat(rule: string, duration: string, deps: CommandDeps, context: CommandContext): Promise<Reply> {
  const missing = await checkRuleExists(rule, deps);
  if (missing !== null) return refuse('Not muted', missing);
  const seconds = duration.length > INPUT_LIMITS.duration ? null : parseDurationSeconds(duration);
  if (seconds === null) return refuse('Not muted', `"${duration.slice(0, INPUT_LIMITS.duration)}" is not a duration; use e.g. 30m, 2h or 1d`);
  if (seconds < MIN_MUTE_SECONDS || seconds > MAX_MUTE_SECONDS) return refuse('Not muted', 'a mute lasts from 1 minute (1m) to 30 days (30d)');
  const until = new Date(context.now.getTime() + seconds * 1000);
  await deps.settings.muteRule(rule, until, context.user, context.now);
  return reply(`Rule ${rule} muted`, { lines: [`No alerts from ${rule} until ${formatUtc(until)} UTC. Undo with: unmute ${rule}`] });
}

export async function unmuteFromChat(rule: string, deps: CommandDeps, context: CommandContext): Promise<Reply> {
  const bad = checkRuleRef(rule);
  if (bad !== null) return refuse('Not unmuted', bad);
  const done = await deps.settings.unmuteRule(rule, context.now);
  if (!done) return refuse('Not unmuted', `rule "${rule}" is not muted`);
  return reply(`Rule ${rule} unmuted`, { lines: [`Alerts from ${rule} go out again.`] });
}

export async function subscribeFromChat(rule: string, priority: string | null, deps: CommandDeps, context: CommandContext): Promise<Reply> {
  if (context.channel === null) return refuse('Not subscribed', 'subscribe from the channel that should receive the alerts');
  const missing = await checkRuleExists(rule, deps);
  if (missing !== null) return refuse('Not subscribed', missing);
  const wanted = (priority ?? 'normal').toLowerCase();
  if (!PRIORITIES.includes(wanted as Priority)) return refuse('Not subscribed', `priority is one of ${PRIORITIES.join(', ')}, not "${(priority ?? '').slice(0, 20)}"`);
  const outcome = await deps.settings.addRoute({ ruleId: rule, destination: channelDestination(context.channel), priority: wanted as Priority }, context.user, context.now);
  const what = outcome === 'added' ? 'now go to this channel' : 'already went to this channel; priority updated';
  return reply(`Subscribed to ${rule}`, { lines: [`Alerts from ${rule} ${what} (${wanted}).`] });
}

export async function unsubscribeFromChat(rule: string, deps: CommandDeps, context: CommandContext): Promise<Reply> {
  if (context.channel === null) return refuse('Not unsubscribed', 'unsubscribe from the channel that receives the alerts');
  const bad = checkRuleRef(rule);
  if (bad !== null) return refuse('Not unsubscribed', bad);
  const removed = await deps.settings.removeRoute(rule, channelDestination(context.channel));
  if (!removed) return refuse('Not unsubscribed', `this channel is not subscribed to "${rule}"`);
  return reply(`Unsubscribed from ${rule}`, { lines: [`Alerts from ${rule} no longer come to this channel.`] });
}

async function checkRuleExists(rule: string, deps: CommandDeps): Promise<string | null> {
  const bad = checkRuleRef(rule);
  if (bad !== null) return bad;
  return (await deps.settings.findRule(rule)) === null ? `there is no rule "${rule}" (see: rules list)` : null;
}

function formatUtc(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}
