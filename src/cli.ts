// The command line: `wirewatch run | check | rules | feeds`. Returns an exit status instead of
// exiting, so tests can drive it in-process: 0 ran, 1 a source or feed failed, 2 bad input.
import { Command, CommanderError } from 'commander';
import { registerCheckCommand } from './cli/check-command.ts';
import { registerFeedsCommand } from './cli/feeds-command.ts';
import { registerRulesCommand } from './cli/rules-command.ts';
import { registerRunCommand } from './cli/run-command.ts';
import { UsageError } from './cli/usage-error.ts';

export const VERSION = '0.1.0';

export async function main(argv: readonly string[]): Promise<number> {
  let status = 0;
  const program = new Command()
    .name('wirewatch')
    .description('Watches news feeds, matches keyword rules, and posts one readable alert per incident.')
    .version(VERSION)
    .option('-c, --config <file>', 'config file (default: $WIREWATCH_CONFIG or config/wirewatch.yaml)')
    .showHelpAfterError()
    .exitOverride();
  const setStatus = (code: number): void => {
    status = Math.max(status, code);
  };
  registerRunCommand(program, setStatus);
  registerCheckCommand(program, setStatus);
  registerRulesCommand(program, setStatus);
  registerFeedsCommand(program, setStatus);
  program.commands.forEach((command) => command.exitOverride());

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      process.stderr.write(`wirewatch: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  return status;
}
