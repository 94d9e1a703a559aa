// Loads a standalone rules file (`rules: [{id, query}]`), as `wirewatch check --rules` takes.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { RuleDefinition } from '../domain/match.ts';
import { ruleSchema } from './config-schema.ts';
import { formatIssues } from './format-issues.ts';
import { parseYaml } from './parse-yaml.ts';

const rulesFileSchema = z.object({ rules: z.array(ruleSchema).min(1, 'expected at least one rule') });

export type LoadRulesResult = { kind: 'ok'; rules: RuleDefinition[] } | { kind: 'invalid'; message: string };

export async function loadRulesFile(file: string): Promise<LoadRulesResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'invalid', message: `${file}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(error)})`}` };
  }
  const yaml = parseYaml(text, file);
  if (yaml.kind === 'invalid') return yaml;
  const parsed = rulesFileSchema.safeParse(yaml.value);
  if (!parsed.success) {
    return { kind: 'invalid', message: formatIssues(file, parsed.error.issues) };
  }
  const ids = new Set<string>();
  for (const rule of parsed.data.rules) {
    if (ids.has(rule.id)) return { kind: 'invalid', message: `${file}: duplicate rule id "${rule.id}"` };
    ids.add(rule.id);
  }
  return { kind: 'ok', rules: parsed.data.rules.map((rule) => ({ id: rule.id, query: rule.query })) };
}
