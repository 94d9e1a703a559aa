// Autocomplete for `/news` options: rule ids for `rule`, feed URLs and ids for `url`;
// at most 25 choices, names and values within 100 characters, as Discord requires.
// API: https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-autocomplete
import type { CommandDeps } from '../../commands/command-deps.ts';
import { optionChoices } from '../../commands/option-choices.ts';

export const MAX_CHOICES = 25;
const CHOICE_TEXT_MAX = 100;

export interface Choice {
  readonly name: string;
  readonly value: string;
}

/** Choices for the focused option `option` typed so far as `typed`; [] for options without suggestions. */
export async function suggestChoices(option: string, typed: string, deps: Pick<CommandDeps, 'settings' | 'defaultIntervalSeconds'>): Promise<Choice[]> {
  const needle = typed.trim().toLowerCase();
  const choices = await optionChoices(option, deps);
  // A value longer than Discord allows (a long feed URL) is offered in its short form (the feed's id).
  return rank(choices.map((c) => ({ key: c.key, name: clip(c.label), value: c.value.length <= CHOICE_TEXT_MAX ? c.value : c.shortValue })), needle);
}

/** Prefix matches first, then substring matches, each in their stored order. */
function rank(candidates: { key: string; name: string; value: string }[], needle: string): Choice[] {
  const lower = candidates.map((c) => ({ ...c, key: c.key.toLowerCase() }));
  const prefix = lower.filter((c) => c.key.startsWith(needle) || c.key.split(' ').some((part) => part.startsWith(needle)));
  const inside = lower.filter((c) => !prefix.includes(c) && c.key.includes(needle));
  return [...prefix, ...inside].slice(0, MAX_CHOICES).map(({ name, value }) => ({ name, value }));
}

function clip(text: string): string {
  return text.length <= CHOICE_TEXT_MAX ? text : `${text.slice(0, CHOICE_TEXT_MAX - 1)}…`;
}
