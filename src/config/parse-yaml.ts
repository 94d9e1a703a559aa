// Parses YAML text, turning a syntax error into one line: "FILE:LINE:COL: YAML syntax error: …".
import { parseDocument } from 'yaml';

export type YamlResult = { kind: 'ok'; value: unknown } | { kind: 'invalid'; message: string };

export function parseYaml(text: string, file: string): YamlResult {
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (!error) {
    try {
      return { kind: 'ok', value: doc.toJS() ?? {} };
    } catch (cause) {
      // The yaml library refuses alias expansion past its budget ("billion laughs"): say so in one line.
      const reason = cause instanceof Error && /alias/i.test(cause.message) ? 'too many aliases (*name) expanded; refusing a possible alias bomb' : String(cause);
      return { kind: 'invalid', message: `${file}: YAML error: ${reason}` };
    }
  }
  const at = error.linePos?.[0];
  const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  return { kind: 'invalid', message: `${file}${at ? `:${at.line}:${at.col}` : ''}: YAML syntax error: ${reason}` };
}
