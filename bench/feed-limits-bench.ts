// `npm run bench:feed-limits`: peak memory of one `wirewatch run --once` (the real command, over
// loopback HTTP) polling one hostile feed, beside the same command polling a 10-item feed (the
// baseline: start-up, gazetteer, rules), each in its own process. Target: under 300 MB each.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rss = (items: readonly string[]): string => `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>${items.join('')}</channel></rss>`;
const CASES: readonly { name: string; body: string }[] = [
  { name: 'baseline: 10 items', body: rss(Array.from({ length: 10 }, (_, i) => `<item><guid>${i}</guid><title>attack ${i}</title></item>`)) },
  { name: '100,000 items (4.5 MB)', body: rss(Array.from({ length: 100_000 }, (_, i) => `<item><guid>${i}</guid><title>a ${i}</title></item>`)) },
  { name: 'one 5 MB description', body: rss([`<item><guid>x</guid><title>attack</title><description><![CDATA[<p>${'word '.repeat(1_000_000)}</p>]]></description></item>`]) },
];
// Printed by the measured process itself when it exits: its peak resident set.
const REPORT_PEAK = `data:text/javascript,process.on("exit",()=>process.stderr.write("PEAK_RSS_KB="+process.resourceUsage().maxRSS+"\\n"))`;

const bodies = new Map<string, string>();
const server = createServer((req, res) => {
  const body = bodies.get(req.url ?? '') ?? '';
  res.writeHead(body ? 200 : 404, { 'content-type': 'application/rss+xml' }).end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const dir = mkdtempSync(join(tmpdir(), 'wirewatch-bench-limits-'));
try {
  process.stdout.write('| feed | bytes | peak RSS | wall |\n|---|---:|---:|---:|\n');
  for (const [index, c] of CASES.entries()) {
    bodies.set(`/f${index}.xml`, c.body);
    const config = join(dir, `c${index}.yaml`);
    writeFileSync(config, [`database: ${join(dir, `w${index}.db`)}`, 'feeds:', `  - { id: f, url: "${origin}/f${index}.xml", backfill: 1 }`, 'rules:', '  - { id: a, query: attack }'].join('\n'));
    const started = Date.now();
    // Asynchronous: this process serves the feed while the child polls it.
    const run = await new Promise<{ stderr: string; status: number | null }>((resolve) => {
      const child = spawn(process.execPath, ['--import', REPORT_PEAK, 'bin/wirewatch.js', '--config', config, 'run', '--once'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, WIREWATCH_LOG_LEVEL: 'warn' } });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('close', (status) => resolve({ stderr, status }));
    });
    const peak = Number(/PEAK_RSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
    process.stdout.write(`| ${c.name} | ${(c.body.length / 1e6).toFixed(1)} MB | ${peak.toFixed(0)} MB${run.status === 0 ? '' : ` (exit ${run.status})`} | ${((Date.now() - started) / 1000).toFixed(1)} s |\n`);
  }
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
