// The `wirewatch` bin: it runs dist/ when dist/ is at least as new as every source file and the
// sources through tsx otherwise, and the worker it starts is the process a supervisor signals.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, waitForLog } from '../support/run-cli.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO, 'bin/wirewatch.js');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-bin-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('which code the bin runs', () => {
  // A package laid out like the repository, whose dist/ and src/ each say which one ran.
  const layout = async (files: { dist?: number; src?: number }): Promise<string> => {
    await mkdir(join(dir, 'bin'));
    await copyFile(BIN, join(dir, 'bin/wirewatch.js'));
    await writeFile(join(dir, 'package.json'), '{"type":"module"}');
    await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    const place = async (path: string, text: string, mtimeSeconds: number): Promise<void> => {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
      await utimes(join(dir, path), mtimeSeconds, mtimeSeconds);
    };
    const main = (from: string): string => `export async function main(argv) { process.stdout.write('${from} ' + argv.slice(2).join(' ')); return 3; }\n`;
    if (files.dist !== undefined) await place('dist/cli.js', main('dist'), files.dist);
    if (files.src !== undefined) {
      await place('src/cli.ts', main('source').replace('(argv)', '(argv: string[]): Promise<number>'), files.src);
      await place('src/deep/other.ts', 'export {};\n', files.src - 10);
    }
    return join(dir, 'bin/wirewatch.js');
  };

  it.each([
    { case: 'dist newer than every source', files: { dist: 2_000, src: 1_000 }, ran: 'dist' },
    { case: 'dist as new as the newest source', files: { dist: 1_000, src: 1_000 }, ran: 'dist' },
    { case: 'a source edited after the build', files: { dist: 1_000, src: 2_000 }, ran: 'source' },
    { case: 'no dist (a fresh checkout before the build)', files: { src: 1_000 }, ran: 'source' },
    { case: 'no sources (an installed package or image)', files: { dist: 1_000 }, ran: 'dist' },
  ])('$case: runs $ran, passing the arguments and the exit status', async ({ files, ran }) => {
    const result = await runCli(['rules', 'list'], { cwd: dir, bin: await layout(files) });
    expect(result.stdout).toBe(`${ran} rules list`);
    expect(result.status).toBe(3);
  });
});

describe('signals', () => {
  const writeWorkerConfig = async (): Promise<string> => {
    await writeFile(join(dir, 'feed.xml'), '<rss version="2.0"><channel><title>t</title><item><title>a</title><guid>1</guid></item></channel></rss>');
    await writeFile(
      join(dir, 'wirewatch.yaml'),
      ['database: db.sqlite', 'feeds:', '  - { id: local, url: ./feed.xml, interval: 1s }', 'rules:', "  - { id: a, query: 'attack' }", 'destinations:', '  - { name: console, type: console }'].join('\n'),
    );
    return join(dir, 'wirewatch.yaml');
  };
  const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', WIREWATCH_LOG_LEVEL: 'info' };

  it('SIGTERM to the bin stops the worker itself, after in-flight work, with status 0', async () => {
    const config = await writeWorkerConfig();
    const child = spawn(process.execPath, [BIN, '--config', config, 'run'], { cwd: dir, env: baseEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    await waitForLog(child, (l) => l.msg === 'wirewatch running');
    const stopping = waitForLog(child, (l) => l.msg === 'stopping after in-flight work');
    child.kill('SIGTERM');
    await stopping;
    expect(await exited).toEqual({ code: 0, signal: null });
  });

  it('started by npm through a shell, the worker stops cleanly when the shell is stopped', async () => {
    const config = await writeWorkerConfig();
    // What `npx wirewatch run` does: npm runs the bin through `sh -c`, and a stopped shell passes nothing on.
    const shell = spawn('sh', ['-c', `"${process.execPath}" "${BIN}" --config "${config}" run; exit $?`], {
      cwd: dir,
      env: { ...baseEnv, npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await waitForLog(shell, (l) => l.msg === 'wirewatch running');
    const stopping = waitForLog(shell, (l) => l.msg === 'stopping after in-flight work');
    const workerGone = new Promise<void>((resolve) => shell.stderr.on('close', () => resolve())); // the worker holds the pipe until it exits
    shell.kill('SIGTERM');
    expect(await stopping).toMatchObject({ signal: 'SIGTERM' });
    await workerGone;
  }, 30_000);
});
