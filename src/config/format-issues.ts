// Formats zod issues as "FILE: key.path[2]: what is wrong", one line each.
import type { z } from 'zod';

export function formatIssues(file: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${file}: ${formatPath(issue.path)}: ${issue.message}`).join('\n');
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}
