// The container image without docker: lays out the runtime stage's files as the Dockerfile copies
// them (dist/ compiled from the current sources), then runs what the image runs: its entrypoint
// with its config, the worker, and its health check. No development dependency may load.
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.ts';
import { serveBody, startFeedServer, type FeedServer } from '../support/feed-server.ts';
import { waitForLog } from '../support/run-cli.ts';
import { rss } from './delivery-harness.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

interface RuntimeStage {
  readonly copies: readonly { readonly fromBuild: boolean; readonly source: string; readonly target: string }[];
  readonly env: ReadonlyMap<string, string>;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  readonly healthcheck: readonly string[];
  readonly user: string | null;
}

/** The last stage of the Dockerfile: what the image holds and runs. */
function runtimeStage(dockerfile: string): RuntimeStage {
  const lines = dockerfile.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim());
  const last = lines.map((l, i) => (l.startsWith('FROM ') ? i : -1)).filter((i) => i >= 0).at(-1) ?? 0;
  const stage = lines.slice(last);
  const json = (prefix: string): string[] => JSON.parse(stage.find((l) => l.startsWith(prefix))?.slice(prefix.length).trim() ?? '[]') as string[];
  const env = new Map<string, string>();
  for (const line of stage.filter((l) => l.startsWith('ENV '))) for (const [, k = '', v = ''] of line.slice(4).matchAll(/(\w+)=(\S+)/g)) env.set(k, v);
  return {
    copies: stage
      .filter((l) => l.startsWith('COPY '))
      .map((l) => {
        const parts = l.split(/\s+/).slice(1);
        const fromBuild = parts[0]?.startsWith('--from=') === true;
        const [source = '', target = ''] = fromBuild ? parts.slice(1) : parts;
        return { fromBuild, source: fromBuild ? source.replace(/^\/app\//, '') : source, target: target.replace(/^\.\//, '').replace(/\/$/, '') };
      }),
    env,
    entrypoint: json('ENTRYPOINT'),
    cmd: json('CMD'),
    healthcheck: JSON.parse(/ CMD (\[.*\])$/.exec(stage.find((l) => l.startsWith('HEALTHCHECK')) ?? '')?.[1] ?? '[]') as string[],
    user: stage.find((l) => l.startsWith('USER '))?.slice(5).trim() ?? null,
  };
}

let app: string;
let stage: RuntimeStage;
let feeds: FeedServer;
let loaded: string;

/** Every package marked development-only in the lockfile. */
async function devOnlyPackages(): Promise<string[]> {
  const lock = JSON.parse(await readFile(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(lock.packages).filter(([path, p]) => path !== '' && p.dev === true).map(([path]) => `/${path}/`);
}

beforeAll(async () => {
  stage = runtimeStage(await readFile(join(REPO, 'Dockerfile'), 'utf8'));
  app = await mkdtemp(join(tmpdir(), 'wirewatch-image-'));
  for (const copy of stage.copies) {
    const target = join(app, copy.target === '' || copy.target === '.' ? copy.source : copy.target);
    if (copy.fromBuild && copy.source === 'dist') await run(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(REPO, 'tsconfig.build.json'), '--outDir', target]);
    else if (copy.fromBuild && copy.source === 'node_modules') await symlink(join(REPO, 'node_modules'), target);
    else if (copy.fromBuild) throw new Error(`test: the image copies ${copy.source} from the build stage; lay it out here too`);
    else {
      await mkdir(join(target, '..'), { recursive: true });
      await cp(join(REPO, copy.source), target, { recursive: true });
    }
  }
  // Records every module the process loads, to prove that no development dependency is among them.
  loaded = join(app, 'loaded.txt');
  await writeFile(join(app, 'record-hook.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(loaded)}, r.url + '\\n'); return r; }\n`);
  await writeFile(join(app, 'record.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(app, 'record-hook.mjs')).href)});\n`);
  feeds = await startFeedServer();
}, 120_000);
afterAll(async () => {
  await feeds?.close();
  if (app !== undefined) await rm(app, { recursive: true, force: true });
});

const entrypoint = (): string[] => stage.entrypoint.map((part) => part.replace(/^\/app\//, `${app}/`));
const env = (extra: Record<string, string> = {}): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: app,
  ...Object.fromEntries([...stage.env].map(([k, v]) => [k, v.replace(/^\/app\//, `${app}/`)])),
  NODE_OPTIONS: `--import ${pathToFileURL(join(app, 'record.mjs')).href}`,
  ...extra,
});

describe('the runtime image', () => {
  it('is a non-root, multi-stage image holding dist/ and no sources, run by plain node', () => {
    expect(stage.user).toBe('node');
    expect(stage.copies.map((c) => c.target)).toEqual(expect.arrayContaining(['node_modules', 'dist', 'bin', 'config']));
    expect(stage.copies.some((c) => c.source.startsWith('src'))).toBe(false);
    expect(stage.entrypoint).toEqual(['node', '/app/bin/wirewatch.js']);
    expect(stage.cmd).toEqual(['run']);
  });

  it('answers --version and checks its own config, loading no development dependency', async () => {
    const [node = '', ...args] = entrypoint();
    const version = await run(node, [...args, '--version'], { cwd: app, env: env() });
    expect(version.stdout.trim()).toBe(VERSION);
    const rules = await run(node, [...args, 'rules', 'list'], { cwd: app, env: env({ DATABASE_URL: 'postgres://wirewatch@postgres/wirewatch' }) });
    expect(rules.stdout).toContain('iraq-rocket');
    const modules = (await readFile(loaded, 'utf8')).split('\n').filter((u) => u.startsWith('file:'));
    expect(modules.some((u) => u.includes('/dist/cli.js'))).toBe(true);
    const dev = await devOnlyPackages();
    expect(modules.filter((u) => dev.some((d) => u.includes(d)))).toEqual([]);
    expect(modules.filter((u) => u.endsWith('.ts'))).toEqual([]);
  });

  it('runs the worker, whose health check passes, and stops on SIGTERM with status 0', async () => {
    feeds.route('/feed.xml', serveBody(rss([{ guid: '1', title: 'Quiet day' }])));
    const config = join(app, 'config/test.yaml');
    await writeFile(
      config,
      ['database: ' + join(app, 'data/test.db'), 'http: { host: 127.0.0.1, port: 0 }', 'feeds:', `  - { id: wire, url: "${feeds.url('/feed.xml')}" }`, 'rules:', "  - { id: a, query: 'attack' }", 'destinations:', '  - { name: console, type: console }'].join('\n'),
    );
    await mkdir(join(app, 'data'), { recursive: true });
    const [node = '', ...args] = entrypoint();
    const worker = spawn(node, [...args, ...stage.cmd], { cwd: app, env: env({ WIREWATCH_CONFIG: config, WIREWATCH_LOG_LEVEL: 'info' }), stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const port = Number((await waitForLog(worker, (l) => String(l.msg).startsWith('http: listening'))).port);
      const [checkCommand = '', ...checkArgs] = stage.healthcheck;
      const check = await run(checkCommand === 'node' ? node : checkCommand, checkArgs.map((a) => a.replace('127.0.0.1:9090', `127.0.0.1:${port}`)), { env: env() });
      expect(check.stderr).toBe('');
      const exited = new Promise<number | null>((resolve) => worker.on('exit', (code) => resolve(code)));
      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (worker.exitCode === null) worker.kill('SIGKILL');
    }
  });
});
