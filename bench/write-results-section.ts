// Replaces (or appends) one `## heading` section of bench/RESULTS.md, leaving the others alone.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';

const RESULTS = new URL('./RESULTS.md', import.meta.url);

export async function writeResultsSection(heading: string, body: string): Promise<void> {
  const current = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const title = `## ${heading}`;
  const section = `${title}\n\n${body.trim()}\n`;
  const start = current.indexOf(`${title}\n`);
  if (start < 0) {
    await writeFile(RESULTS, `${current.trimEnd()}\n\n${section}`);
    return;
  }
  const next = current.indexOf('\n## ', start + 1);
  await writeFile(RESULTS, `${current.slice(0, start)}${section}${next < 0 ? '' : `\n${current.slice(next + 1)}`}`);
}
