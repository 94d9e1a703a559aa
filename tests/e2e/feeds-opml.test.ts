// `wirewatch feeds import` and `feeds export` through the real CLI: folders kept, duplicates and
// unpollable addresses reported, a broken file refused with its line, and a round trip.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parseOpml } from '../../src/feeds/opml/opml-parse.ts';
import { runCli } from '../support/run-cli.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-opml-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONFIG = [
  '# my feeds',
  'database: db.sqlite',
  'feeds:',
  '  - id: wire   # the wire service',
  '    url: https://wire.example/rss.xml',
  'rules:',
  "  - { id: a, query: 'attack' }",
  'destinations:',
  '  - { name: console, type: console }',
  '',
].join('\n');

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Reader export</title></head><body>
  <outline text="News">
    <outline text="World">
      <outline text="Daily World" xmlUrl="https://daily.example/world.xml"/>
      <outline text="Wire again" xmlUrl="http://wire.example/rss.xml/"/>
    </outline>
    <outline text="Local &amp; Regional" xmlUrl="https://local.example/feed?edition=north"/>
  </outline>
  <outline text="Science" xmlUrl="https://science.example/atom"/>
  <outline text="Daily World, twice" xmlUrl="https://daily.example/world.xml"/>
  <outline text="Gopher" xmlUrl="gopher://old.example/feed"/>
</body></opml>`;

async function setUp(config = CONFIG): Promise<{ config: string; opml: string }> {
  await writeFile(join(dir, 'wirewatch.yaml'), config);
  await writeFile(join(dir, 'reader.opml'), OPML);
  return { config: join(dir, 'wirewatch.yaml'), opml: join(dir, 'reader.opml') };
}

it('imports new feeds with their folders, reports duplicates, keeps the config comments, and exports them all', async () => {
  const { config, opml } = await setUp();
  const imported = await runCli(['--config', config, 'feeds', 'import', opml], { cwd: dir });
  expect(imported.stderr).toBe('');
  expect(imported.status).toBe(0);
  const lines = imported.stdout.trim().split('\n');
  expect(lines.filter((l) => l.startsWith('added '))).toHaveLength(3);
  expect(lines).toContain('duplicate (already polled as wire): http://wire.example/rss.xml/');
  expect(lines).toContain(`duplicate (listed twice in ${opml}): https://daily.example/world.xml`);
  expect(lines).toContain('skipped (not an http or https URL): gopher://old.example/feed');
  expect(lines.at(-1)).toBe(`6 feed(s) in ${opml}: 3 added to ${config}, 3 skipped; a running worker polls them after a restart`);
  const written = await readFile(config, 'utf8');
  expect(written).toContain('# my feeds');
  expect(written).toContain('# the wire service');
  expect(written).toContain('category: News/World');

  const exported = await runCli(['--config', config, 'feeds', 'export'], { cwd: dir });
  expect(exported.status).toBe(0);
  const parsed = parseOpml(exported.stdout);
  expect(parsed.kind === 'ok' && parsed.feeds.map((f) => [f.url, f.title, f.category.join('/')])).toEqual([
    ['https://wire.example/rss.xml', 'wire', ''],
    ['https://science.example/atom', 'Science', ''],
    ['https://local.example/feed?edition=north', 'Local & Regional', 'News'],
    ['https://daily.example/world.xml', 'Daily World', 'News/World'],
  ]);

  // The export imported into an empty config gives the same feeds in the same folders.
  await writeFile(join(dir, 'again.yaml'), CONFIG.replace(/feeds:\n.*\n.*\n/, 'feeds: []\n'));
  await writeFile(join(dir, 'exported.opml'), exported.stdout);
  const again = await runCli(['--config', join(dir, 'again.yaml'), 'feeds', 'import', join(dir, 'exported.opml')], { cwd: dir });
  expect(again.status).toBe(0);
  const reexported = parseOpml((await runCli(['--config', join(dir, 'again.yaml'), 'feeds', 'export'], { cwd: dir })).stdout);
  expect(reexported).toEqual({ ...parsed });
});

it('--dry-run shows what it would add and changes nothing', async () => {
  const { config, opml } = await setUp();
  const result = await runCli(['--config', config, 'feeds', 'import', '--dry-run', opml], { cwd: dir });
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('would add ');
  expect(await readFile(config, 'utf8')).toBe(CONFIG);
});

it.each([
  { case: 'an outline left open', text: '<opml version="2.0"><body>\n<outline text="a">\n</body></opml>', line: 3, reason: 'not well-formed XML: Unexpected close tag' },
  { case: 'an HTML page', text: '<!doctype html>\n<html></html>', line: 2, reason: 'not OPML: the root element is <html>, expected <opml>' },
])('refuses $case with the file, its line and status 2, changing nothing', async ({ text, line, reason }) => {
  const { config } = await setUp();
  await writeFile(join(dir, 'bad.opml'), text);
  const result = await runCli(['--config', config, 'feeds', 'import', join(dir, 'bad.opml')], { cwd: dir });
  expect(result.status).toBe(2);
  expect(result.stderr).toBe(`wirewatch: ${join(dir, 'bad.opml')}:${line}: ${reason}; nothing imported\n`);
  expect(await readFile(config, 'utf8')).toBe(CONFIG);
});
