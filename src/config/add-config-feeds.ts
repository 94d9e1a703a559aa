// Appends feeds to the config file's `feeds:` list (`wirewatch feeds import | add`), keeping the
// file's comments and layout, and writes it only if the result is still a valid config.
import { rename, writeFile } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { Env } from './env.ts';
import { parseConfig } from './load-config.ts';

export interface NewConfigFeed {
  readonly id: string;
  readonly url: string;
  readonly title: string | null;
  /** Folder path, levels separated by "/" ("News/World"); null: none. */
  readonly category: string | null;
}

export type AddFeedsResult = { readonly kind: 'written' } | { readonly kind: 'invalid'; readonly message: string };

export async function addConfigFeeds(file: string, feeds: readonly NewConfigFeed[], env: Env): Promise<AddFeedsResult> {
  const doc = parseDocument(await readFile(file, 'utf8'));
  if (doc.errors.length > 0) return { kind: 'invalid', message: `${file}: cannot edit: ${doc.errors[0]?.message.split('\n', 1)[0]}` };
  for (const feed of feeds) {
    const node = doc.createNode({ id: feed.id, url: feed.url, ...(feed.title ? { title: feed.title } : {}), ...(feed.category ? { category: feed.category } : {}) });
    node.flow = true;
    doc.addIn(['feeds'], node);
  }
  const text = doc.toString({ lineWidth: 0 });
  const check = parseConfig(text, file, env);
  if (check.kind === 'invalid') return { kind: 'invalid', message: `the config would not be valid, so it was not changed:\n${check.message}` };
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
  return { kind: 'written' };
}
