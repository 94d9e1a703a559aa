// Preloaded with `node --import` into a wirewatch process: at exit it writes one stderr line,
// LOADED{"cpuMs":…,"packages":[…]}, naming the chat platform packages in the module cache (CommonJS
// packages imported from ESM land there too) and the process's CPU time. Plain JavaScript, so that
// measuring loads nothing else into the process.
import { createRequire } from 'node:module';
import process from 'node:process';

const WATCHED = ['discord.js', '@discordjs/rest', '@discordjs/ws', '@slack/bolt', '@slack/web-api', '@slack/socket-mode'];
const cache = createRequire(import.meta.url).cache;

process.on('exit', () => {
  const loaded = new Set();
  for (const file of Object.keys(cache)) {
    for (const name of WATCHED) if (file.includes(`/node_modules/${name}/`)) loaded.add(name);
  }
  const usage = process.cpuUsage();
  process.stderr.write(`\nLOADED${JSON.stringify({ cpuMs: (usage.user + usage.system) / 1000, packages: [...loaded].sort() })}\n`);
});
