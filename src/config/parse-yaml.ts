// Parses YAML text, turning a syntax error into one line: "FILE:LINE:COL: YAML syntax error: …".
import { parseDocument } from 'yaml';

export type YamlResult = { kind: 'ok'; value: unknown } | { kind: 'invalid'; message: string };

export function parseYaml(text: string, file: string): YamlResult {
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (!error) return { kind: 'ok', value: doc.toJS() ?? {} };
  const at = error.linePos?.[0];
  const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  return { kind: 'invalid', message: `${file}${at ? `:${at.line}:${at.col}` : ''}: YAML syntax error: ${reason}` };
}
