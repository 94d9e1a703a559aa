// `wirewatch check [--rules FILE] [--all] [--json] SOURCE...`: a dry run of the pipeline on
// feeds or files, without posting and without a database (docs/check-output.md).
import type { Command } from 'commander';
import type { RuleDefinition } from '../domain/match.ts';
import { loadConfig } from '../config/load-config.ts';
import { loadRulesFile } from '../config/load-rules-file.ts';
import { parseFeed } from '../feeds/parse/parse-feed.ts';
import { normaliseFeed } from '../feeds/normalise/normalise-feed.ts';
import { DEFAULT_FETCH_OPTIONS } from '../feeds/fetch/fetch-feed.ts';
import { matchItem } from '../alerts/match-item.ts';
import { createAlertDescriber } from '../alerts/describe-alerts.ts';
import { alertOf } from '../domain/alert-draft.ts';
import { loadGazetteer } from '../geo/gazetteer.ts';
import { createStoryIndex } from '../stories/story-index.ts';
import { renderConsoleAlert } from '../chat/console/render-console-alert.ts';
import { fetchOptionsFrom } from '../feeds/fetch/fetch-options-from.ts';
import { compileOrFail } from './compile-or-fail.ts';
import { configFileOption, envOf } from './load-settings.ts';
import { readSource } from './read-source.ts';
import { toCheckRecord } from './check-record.ts';
import { UsageError } from './usage-error.ts';

export interface CheckOptions {
  rules?: string;
  all?: boolean;
  json?: boolean;
}

export async function runCheck(sources: readonly string[], options: CheckOptions, command: Command, setStatus: (code: number) => void): Promise<void> {
  const { rules, fetchOptions } = await checkSettings(options, command);
  const compiled = compileOrFail(rules, options.rules ?? 'config rules');
  const describe = createAlertDescriber({ gazetteer: loadGazetteer, stories: createStoryIndex() });
  const out = process.stdout;
  const progress = process.stderr.isTTY === true && sources.length > 1;
  let items = 0;
  let matches = 0;

  for (const [index, source] of sources.entries()) {
    if (progress) process.stderr.write(`\r[${index + 1}/${sources.length}] ${source.slice(-60)}\x1b[K`);
    const read = await readSource(source, fetchOptions);
    const parsed = read.kind === 'ok' ? await parseFeed(read.body, read.contentType) : read;
    if (parsed.kind !== 'ok') {
      process.stderr.write(`${progress ? '\n' : ''}wirewatch check: ${source}: ${parsed.reason}\n`);
      setStatus(1);
      continue;
    }
    const feedUrl = read.kind === 'ok' ? read.url : source;
    const feed = normaliseFeed(parsed.feed, { configured: null, fallback: feedUrl }, feedUrl, new Date());
    for (const item of feed.items) {
      items += 1;
      const found = matchItem(compiled, item);
      const all = options.all ? [...found, { ruleId: '*', matched: [] }] : found;
      for (const draft of describe(item, all)) {
        matches += 1;
        const record = toCheckRecord({ ...draft, item });
        if (options.json) out.write(`${JSON.stringify(record)}\n`);
        else out.write(`${renderConsoleAlert(alertOf(0, { ...draft, storyId: record.story }, item))}\n`);
      }
    }
  }
  if (progress) process.stderr.write('\r\x1b[K');
  if (!options.json) out.write(`${items} item(s) from ${sources.length} source(s), ${matches} match(es)\n`);
}

async function checkSettings(options: CheckOptions, command: Command) {
  const env = envOf();
  const configFile = configFileOption(command);
  let rules: RuleDefinition[] | null = null;
  if (options.rules) {
    const loaded = await loadRulesFile(options.rules);
    if (loaded.kind === 'invalid') throw new UsageError(loaded.message);
    rules = loaded.rules;
  }
  const loaded = await loadConfig(configFile, env);
  if (loaded.kind === 'invalid' && (rules === null || configFile !== null || env.configFile !== null)) {
    throw new UsageError(`invalid config\n${loaded.message}`);
  }
  const config = loaded.kind === 'ok' ? loaded.config : null;
  return {
    rules: rules ?? [...(config?.rules ?? [])],
    fetchOptions: config ? fetchOptionsFrom(config.fetch) : DEFAULT_FETCH_OPTIONS,
  };
}
