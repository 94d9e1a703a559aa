// Slack's request URL served by wirewatch's one HTTP server: signed commands answered there,
// unsigned ones refused, health and metrics on the same port.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSlackCommands, type SlackCommands } from '../../src/chat/slack/slash-commands.ts';
import { startHttpServer, type HttpServer } from '../../src/http/http-server.ts';
import { renderMetrics } from '../../src/metrics/metrics.ts';
import { useCommandStore } from '../commands/command-harness.ts';
import { DIALECTS } from '../store/dialects.ts';
import { startSlackEmulator, type SlackEmulator } from '../support/slack-emulator.ts';
import { addResponseUrls, postSlashCommand, type ResponseUrls } from '../support/slack-requests.ts';
import { followingDeps, silentLog } from './slash-harness.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite');
if (sqlite === undefined) throw new Error('test: no sqlite dialect');
const harness = useCommandStore(sqlite);
const SECRET = 'mounted-signing-secret';

let slack: SlackEmulator;
let urls: ResponseUrls;
let http: HttpServer;
let front: SlackCommands;

beforeAll(async () => {
  slack = await startSlackEmulator({ channels: ['C0NEWSROOM'] });
  urls = addResponseUrls(slack);
  http = await startHttpServer({ host: '127.0.0.1', port: 0, readiness: async () => ({ ready: true }), metrics: renderMetrics, log: silentLog });
  front = await startSlackCommands({
    botToken: slack.token, signingSecret: SECRET, port: 0, mount: http, api: slack.apiUrl,
    deps: followingDeps(harness), managerIds: [], log: silentLog,
  });
});
afterAll(async () => {
  await front?.close();
  await http?.close();
  await slack?.close();
});

test('POST /slack/events on the shared server runs the command; the receiver opens no port of its own', async () => {
  expect(front.port).toBeNull();
  const url = urls.create();
  const posted = await postSlashCommand(`http://127.0.0.1:${http.port}/slack/events`, SECRET, { text: 'help', response_url: url });
  expect(posted.status).toBe(200);
  const [answer] = await urls.waitFor(url, 1);
  expect(JSON.stringify(answer)).toContain('wirewatch commands');
});

test('an unsigned request is refused and health still answers on the same port', async () => {
  const url = urls.create();
  const posted = await postSlashCommand(`http://127.0.0.1:${http.port}/slack/events`, SECRET, { text: 'help', response_url: url }, { secret: 'wrong' });
  expect(posted.status).toBe(401);
  expect((await fetch(`http://127.0.0.1:${http.port}/healthz`)).status).toBe(200);
});
