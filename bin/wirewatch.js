#!/usr/bin/env node
// The `wirewatch` command: a plain node script that runs the compiled dist/ in this process, so it
// starts fast and signals (Ctrl-C, SIGTERM) reach the worker directly. When dist/ is missing or
// older than a source file, it runs the TypeScript sources through tsx, so a checkout under
// development (and the tests) always runs the current code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code of the modules on disk (in the system's temporary
// directory), so every command after the first skips compiling them; on Node 20 this does nothing.
module.enableCompileCache?.();

const root = new URL('../', import.meta.url);
const built = new URL('dist/cli.js', root);
const sources = new URL('src/', root);

/** The newest modification time of a .ts file under `dir` (0 when there is none). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
  }
  return newest;
}

function distIsCurrent() {
  if (!existsSync(built)) return false;
  if (!existsSync(sources)) return true; // an installed package or image: dist/ is all there is
  return statSync(built).mtimeMs >= newestSource(sources);
}

async function loadMain() {
  if (distIsCurrent()) return (await import(built.href)).main;
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write('wirewatch: dist/ is missing or out of date and tsx is not installed; run `npm run build`\n');
    return null;
  }
  return (await import(new URL('src/cli.ts', root).href)).main;
}

// npm and npx start a bin through a shell that does not pass signals on: stopping `npx wirewatch
// run` stops npm and the shell, and would leave this process running with a new parent. Started by
// npm, losing the parent counts as SIGTERM (once: the worker's handler then stops it cleanly).
if (process.env.npm_execpath !== undefined) {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    process.kill(process.pid, 'SIGTERM');
  }, 500);
  watch.unref();
}

const main = await loadMain();
process.exitCode = main === null ? 2 : await main(process.argv);
