// `wirewatch rules list | test "<query>" [--text FILE]`: validate the configured rules, and try
// a query on a text with its matches highlighted (or the clause that kept it from firing).
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { explainRule } from '../rules/explain-rule.ts';
import { renderExplanation } from './render-explanation.ts';
import { compileOrFail, loadSettings } from './load-settings.ts';
import { UsageError } from './usage-error.ts';

export function registerRulesCommand(program: Command, setStatus: (code: number) => void): void {
  const rules = program.command('rules').description('list and test rules');

  rules
    .command('list')
    .description('list the configured rules (exit 2 if any is invalid)')
    .action(async (_options: unknown, command: Command) => {
      const { config } = await loadSettings(command);
      compileOrFail(config.rules, `${config.file}: rules`);
      for (const rule of config.rules) process.stdout.write(`${rule.id}\t${rule.query}\n`);
      if (config.rules.length === 0) process.stdout.write(`no rules configured in ${config.file}\n`);
    });

  rules
    .command('test')
    .description('parse a query and show what it matches in a text (from --text FILE, else stdin)')
    .argument('<query>', 'the rule query, e.g. \'"rocket attack" AND Iraq\'')
    .option('--text <file>', 'a text file: the first line is the title, the rest the body')
    .option('--title <text>', 'a title to test against (with or without --text)')
    .action(async (query: string, options: { text?: string; title?: string }) => {
      compileOrFail([{ id: 'query', query }], 'query');
      const text = options.text ? await readText(options.text) : process.stdin.isTTY ? '' : await readStdin();
      const [firstLine = '', ...rest] = text.split('\n');
      const article = options.title !== undefined
        ? { title: options.title, body: text, source: '', url: '' }
        : { title: firstLine.trim(), body: rest.join('\n').trim(), source: '', url: '' };
      if (!article.title && !article.body) {
        process.stdout.write('query is valid; give --text FILE or pipe a text on stdin to test it\n');
        return;
      }
      const explanation = explainRule(query, article);
      process.stdout.write(renderExplanation(article, explanation, process.stdout.isTTY === true));
      if (!explanation.fired) setStatus(1);
    });
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'cannot read'}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
