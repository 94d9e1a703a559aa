// The command line: `wirewatch run | check | rules | feeds | status`. Each command's code is loaded only
// when it runs, so `--help` stays quick. Returns an exit status instead of exiting, so tests can
// drive it in-process: 0 ran, 1 a source or feed failed (or a tested rule did not fire), 2 bad input.
import { Command, CommanderError } from 'commander';
import { UsageError } from './cli/usage-error.ts';

import { VERSION } from './version.ts';

export async function main(argv: readonly string[]): Promise<number> {
  let status = 0;
  const setStatus = (code: number): void => {
    status = Math.max(status, code);
  };
  const program = new Command()
    .name('wirewatch')
    .description('Watches news feeds, matches keyword rules, and posts one readable alert per incident.')
    .version(VERSION)
    .option('-c, --config <file>', 'config file (default: $WIREWATCH_CONFIG or config/wirewatch.yaml)')
    .showHelpAfterError();

  program
    .command('run')
    .description('poll feeds and deliver alerts until Ctrl-C (finishes in-flight work first)')
    .option('--once', 'refresh every feed once, deliver, and exit (status 1 if a feed failed)')
    .action(async (options: { once?: boolean }, command: Command) => (await import('./cli/run-command.ts')).runWorker(options, command, setStatus));

  program
    .command('check')
    .description('dry-run the pipeline on feed URLs or files (- for stdin): no posting, no database')
    .argument('<source...>', 'feed URL, feed file, or - for standard input')
    .option('--rules <file>', "YAML file with rules: [{id, query}] (default: the config's rules)")
    .option('--all', 'report every item, as if a rule "*" matched it')
    .option('--json', 'one JSON object per (item, rule) match, per docs/check-output.md')
    .action(async (sources: string[], options: { rules?: string; all?: boolean; json?: boolean }, command: Command) =>
      (await import('./cli/check-command.ts')).runCheck(sources, options, command, setStatus),
    );

  const rules = program.command('rules').description('list and test rules');
  rules
    .command('list')
    .description('list the configured rules (exit 2 if any is invalid)')
    .action(async (_options: unknown, command: Command) => (await import('./cli/rules-command.ts')).runRulesList(command));
  rules
    .command('test')
    .description('show what a query matches in a text (--text FILE, else stdin); exit 1 if it does not fire')
    .argument('<query>', 'the rule query, e.g. \'"rocket attack" AND Iraq\'')
    .option('--text <file>', 'a text file: the first line is the title, the rest the body')
    .option('--title <text>', 'a title to test against (the whole text is then the body)')
    .action(async (query: string, options: { text?: string; title?: string }) =>
      (await import('./cli/rules-command.ts')).runRulesTest(query, options, setStatus),
    );

  const feeds = program
    .command('feeds')
    .description('list the configured feeds with their health; import, export or add feeds')
    .option('--json', 'one JSON object per feed')
    .action(async (options: { json?: boolean }, command: Command) => (await import('./cli/feeds-command.ts')).runFeeds(options, command));
  feeds
    .command('import')
    .description('add the feeds of an OPML file to the config (folders become categories; duplicates reported)')
    .argument('<file>', 'an OPML subscription list')
    .option('--dry-run', 'show what would be added; change nothing')
    .action(async (file: string, options: { dryRun?: boolean }, command: Command) => (await import('./cli/feeds-opml-command.ts')).runFeedsImport(file, options, command));
  feeds
    .command('add')
    .description('find the feeds of a feed or web page address and add the chosen one to the config')
    .argument('<url>', 'a feed, or a web page whose feeds to find')
    .option('-y, --yes', 'add the first feed found without asking')
    .action(async (url: string, options: { yes?: boolean }, command: Command) => (await import('./cli/feeds-add-command.ts')).runFeedsAdd(url, options, command, setStatus));
  feeds
    .command('export')
    .description('print every polled feed as OPML 2.0 (redirect to a file: wirewatch feeds export > feeds.opml)')
    .action(async (_options: unknown, command: Command) => (await import('./cli/feeds-opml-command.ts')).runFeedsExport(command));

  program
    .command('status')
    .description('feeds, alerts today, delivery backlog and failures (exit 1 if something is failing)')
    .option('--json', 'one JSON object')
    .action(async (options: { json?: boolean }, command: Command) => (await import('./cli/status-command.ts')).runStatus(options, command, setStatus));

  for (const command of [program, ...program.commands, ...rules.commands, ...feeds.commands]) command.exitOverride();
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
