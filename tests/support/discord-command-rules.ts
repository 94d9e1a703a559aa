// What Discord checks in application commands and autocomplete answers (docs/chat-limits.md
// "slash commands", "interactions"), for the gateway emulator's routes.
import type { Reply } from './discord-emulator.ts';

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
const STRING_OPTION = 3;

/** Autocomplete results: at most 25 choices, names and values 1-100 characters. */
export function validateChoices(choices: unknown): Reply | null {
  const errors: Record<string, unknown> = {};
  if (!Array.isArray(choices)) errors.choices = { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] };
  else {
    if (choices.length > 25) errors.choices = { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }] };
    choices.forEach((choice: { name?: unknown; value?: unknown }, i) => {
      for (const key of ['name', 'value'] as const) {
        const value = choice[key];
        if (typeof value !== 'string' || value.length < 1 || value.length > 100) {
          errors[`choices.${i}.${key}`] = { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] };
        }
      }
    });
  }
  return Object.keys(errors).length === 0 ? null : { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: { data: errors } } };
}

/** Application command rules: names 1-32 lower case, descriptions 1-100, ≤ 25 options per level, ≤ 25 choices. */
export function validateCommand(raw: unknown, path: string): string[] {
  const command = (raw ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof command.name !== 'string' || !/^[-_\p{Ll}\p{N}]{1,32}$/u.test(command.name)) problems.push(`${path}.name: invalid command name`);
  const chatInput = command.type === undefined || command.type === 1 || command.type === SUBCOMMAND || command.type === SUBCOMMAND_GROUP || command.type === STRING_OPTION;
  if (chatInput && (typeof command.description !== 'string' || command.description.length < 1 || command.description.length > 100)) {
    problems.push(`${path}.description: must be between 1 and 100 in length`);
  }
  const options = command.options;
  if (options !== undefined) {
    if (!Array.isArray(options) || options.length > 25) problems.push(`${path}.options: must be 25 or fewer in length`);
    else options.forEach((option: unknown, i) => problems.push(...validateCommand(option, `${path}.options.${i}`)));
  }
  const choices = command.choices;
  if (Array.isArray(choices) && choices.length > 25) problems.push(`${path}.choices: must be 25 or fewer in length`);
  if (command.autocomplete === true && Array.isArray(choices) && choices.length > 0) problems.push(`${path}: autocomplete and choices are exclusive`);
  if (typeof command.max_length === 'number' && (command.max_length < 1 || command.max_length > 6000)) problems.push(`${path}.max_length: must be 1-6000`);
  return problems;
}
