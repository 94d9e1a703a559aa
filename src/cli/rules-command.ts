// `wirewatch rules list | test "<query>" [--text FILE]`: validate the configured rules, and try
// a query on a text with its matches highlighted (or the clause that kept it from firing).
// `rules test` loads the rule engine when it runs, so that `rules list` starts quickly.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { checkRules } from '../rules/check-rules.ts';
import { invalidRules } from './invalid-rules.ts';
import { loadSettings } from './load-settings.ts';
import { UsageError } from './usage-error.ts';

export async function runRulesList(command: Command): Promise<void> {
  const { config } = await loadSettings(command);
  const errors = await checkRules(config.rules);
  if (errors.length > 0) throw invalidRules(errors, `${config.file}: rules`);
  for (const rule of config.rules) process.stdout.write(`${rule.id}\t${rule.query}\n`);
  if (config.rules.length === 0) process.stdout.write(`no rules configured in ${config.file}\n`);
}

export async function runRulesTest(query: string, options: { text?: string; title?: string }, setStatus: (code: number) => void): Promise<void> {
  const [{ compileOrFail }, { explainRule }, { renderExplanation }] = await Promise.all([
    import('./compile-or-fail.ts'),
    import('../rules/explain-rule.ts'),
    import('./render-explanation.ts'),
  ]);
  compileOrFail([{ id: 'query', query }], 'query');
  const text = options.text ? await readText(options.text) : process.stdin.isTTY ? '' : await readStdin();
  const [firstLine = '', ...rest] = text.split('\n');
  const article =
    options.title !== undefined
      ? { title: options.title, body: text, source: '', url: '' }
      : { title: firstLine.trim(), body: rest.join('\n').trim(), source: '', url: '' };
  if (!article.title && !article.body) {
    process.stdout.write('query is valid; give --text FILE or pipe a text on stdin to test it\n');
    return;
  }
  const explanation = explainRule(query, article);
  process.stdout.write(renderExplanation(article, explanation, process.stdout.isTTY === true));
  if (!explanation.fired) setStatus(1);
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
