// The JSON-lines news corpus the benchmarks read (CORPUS/news: Reuters-21578, BBC),
// from a path given on the command line: one record per line, files in name order.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoryInput } from '../src/stories/story-types.ts';

export interface NewsRecord {
  /** The file the record came from, without ".jsonl". */
  readonly file: string;
  readonly title: string;
  readonly body: string;
  readonly date?: string;
  readonly published?: string;
  readonly summary?: string;
  readonly id?: string;
  readonly newid?: number;
}

/** Every record of the *.jsonl files of `dir` that has a title or a body. */
export async function readNewsRecords(dir: string): Promise<NewsRecord[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort();
  const records: NewsRecord[] = [];
  for (const file of files) {
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
      if (line.trim() === '') continue;
      const raw = JSON.parse(line) as Partial<NewsRecord>;
      const title = raw.title ?? '';
      const body = raw.body ?? '';
      if (title !== '' || body !== '') records.push({ ...raw, file: file.replace(/\.jsonl$/, ''), title, body });
    }
  }
  return records;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const REUTERS_DATE = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2})/;

/** "26-FEB-1987 15:01:01.79" (Reuters-21578), else null. */
export function parseReutersDate(text: string | undefined): Date | null {
  const m = REUTERS_DATE.exec(text ?? '');
  if (m === null) return null;
  const month = MONTHS.indexOf(m[2] ?? '');
  if (month < 0) return null;
  return new Date(Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])));
}

/** The corpus as story clusterer input, in file order; texts without a date get times ten minutes apart. */
export async function readStoryInputs(dir: string): Promise<StoryInput[]> {
  const inputs: StoryInput[] = [];
  let synthetic = Date.UTC(2004, 0, 1);
  for (const record of await readNewsRecords(dir)) {
    const published = parseReutersDate(record.date) ?? new Date((synthetic += 600_000));
    const key = `${record.file}.jsonl:${record.id ?? record.newid ?? inputs.length}`;
    inputs.push({ key, source: `${record.file}.jsonl`, title: record.title, body: record.body, published, facts: null });
  }
  return inputs;
}
