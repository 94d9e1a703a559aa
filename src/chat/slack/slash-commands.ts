// The Slack front end of `/news`: a Bolt app, over HTTP with signing-secret verification
// or over Socket Mode when an app token is given, that acks within 3 s, runs the command core and
// answers in Block Kit through response_url; the alerts' mute button is a block action.
// API: https://docs.slack.dev/tools/bolt-js/concepts/commands, spec: docs/chat-limits.md
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { Logger as BoltLogger, RespondArguments } from '@slack/bolt';
import type { CommandContext, CommandDeps } from '../../commands/command-deps.ts';
import { MANAGING, parseCommandText } from '../../commands/command-input.ts';
import type { Command } from '../../commands/command-input.ts';
import { refuse } from '../../commands/reply.ts';
import type { Reply } from '../../commands/reply.ts';
import { runCommand } from '../../commands/run-command.ts';
import type { Logger } from '../../log/create-logger.ts';
import type { HttpMount } from '../../http/http-server.ts';
import { renderSlackCommandReply } from './render-slack-command-reply.ts';
import { ALERT_MUTE_DURATION, MUTE_RULE_ACTION_ID, OPEN_ARTICLE_ACTION_ID, parseMuteValue } from './slash-alert-actions.ts';
import { createManagerCheck } from './slash-managers.ts';
import { DEFAULT_SLACK_API } from '../../domain/platform-apis.ts';
import { refuseFutureRequests } from './refuse-future-requests.ts';

export interface SlackCommandsOptions {
  readonly botToken: string;
  /** Verifies every HTTP request (X-Slack-Signature); unused in Socket Mode. */
  readonly signingSecret: string;
  /** An app-level token (xapp-…): Socket Mode instead of an HTTP endpoint. */
  readonly appToken?: string;
  /** HTTP port for POST /slack/events (0: any free port); unused in Socket Mode. */
  readonly port: number;
  readonly host?: string;
  /** Serve POST /slack/events on wirewatch's HTTP server instead of a port of its own. */
  readonly mount?: HttpMount;
  /** Web API base ending in "/" (WIREWATCH_SLACK_API). */
  readonly api?: string;
  readonly deps: CommandDeps;
  /** User ids (U…, W…) and user-group ids (S…) allowed to run managing commands. */
  readonly managerIds: readonly string[];
  readonly log: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** The slash command as configured in the Slack app; default `/news`. */
  readonly command?: string;
  readonly now?: () => Date;
}

export interface SlackCommands {
  /** The HTTP port listened on; null in Socket Mode or when mounted on wirewatch's HTTP server. */
  readonly port: number | null;
  close(): Promise<void>;
}

export async function startSlackCommands(opts: SlackCommandsOptions): Promise<SlackCommands> {
  const socketMode = opts.appToken !== undefined && opts.appToken !== '';
  const clientOptions = { slackApiUrl: opts.api ?? DEFAULT_SLACK_API };
  const receiver = !socketMode && opts.mount ? new HTTPReceiver({ signingSecret: opts.signingSecret, endpoints: SLACK_EVENTS_PATH, logger: boltLogger(opts.log) }) : undefined;
  const app = new App({
    token: opts.botToken,
    signingSecret: opts.signingSecret,
    logger: boltLogger(opts.log),
    clientOptions,
    ...(receiver ? { receiver } : {}),
    ...(socketMode ? { socketMode: true, appToken: opts.appToken, installerOptions: { clientOptions } } : {}),
  });
  const managers = createManagerCheck(app.client, opts.managerIds, opts.log);
  const now = opts.now ?? (() => new Date());

  const run = async (command: Command, user: string, channel: string | null): Promise<Reply> => {
    const context: CommandContext = {
      user,
      canManage: MANAGING.has(command.name) ? await managers.canManage(user) : false,
      channel: channel === null ? null : { platform: 'slack', id: channel },
      now: now(),
    };
    opts.log.info({ platform: 'slack', user, command: command.name, canManage: context.canManage }, 'command');
    try {
      return await runCommand(command, context, opts.deps);
    } catch (error) {
      opts.log.error({ err: error, command: command.name }, 'slack: command failed');
      return refuse('Something went wrong', 'the command failed inside wirewatch; the operator log has the details');
    }
  };
  const send = async (respond: (message: RespondArguments) => Promise<unknown>, reply: Reply): Promise<void> => {
    try {
      await respond(renderSlackCommandReply(reply) as RespondArguments);
    } catch (error) {
      opts.log.error({ err: error }, 'slack: posting to response_url failed');
    }
  };

  app.command(opts.command ?? '/news', async ({ command, ack, respond }) => {
    await ack(); // first: Slack gives up on a command not acknowledged within 3 s
    const parsed = parseCommandText(command.text);
    const reply = parsed.kind === 'invalid' ? refuse('Not understood', parsed.reason, 'Try: /news help') : await run(parsed.command, command.user_id, command.channel_id);
    await send(respond, reply);
  });
  app.action(MUTE_RULE_ACTION_ID, async ({ ack, body, action, respond }) => {
    await ack();
    const rule = parseMuteValue('value' in action && typeof action.value === 'string' ? action.value : undefined);
    if (rule === null) return send(respond, refuse('Not muted', 'this button does not name a rule'));
    const channel = 'channel' in body && body.channel !== undefined ? body.channel.id : null;
    await send(respond, await run({ name: 'mute', rule, duration: ALERT_MUTE_DURATION }, body.user.id, channel));
  });
  // A URL button still sends an action; without an ack the user sees a warning.
  app.action(OPEN_ARTICLE_ACTION_ID, async ({ ack }) => ack());
  app.error(async (error) => opts.log.error({ err: error }, 'slack: bolt error'));

  if (socketMode) {
    await app.start();
    opts.log.info({ mode: 'socket' }, 'slack: /news ready');
    return { port: null, close: () => app.stop().then(() => undefined) };
  }
  if (receiver !== undefined && opts.mount !== undefined) {
    opts.mount.mount(SLACK_EVENTS_PATH, receiver.requestListener);
    opts.log.info({ mode: 'http' }, `slack: /news ready on POST ${SLACK_EVENTS_PATH} of the HTTP server`);
    return { port: null, close: async () => undefined };
  }
  const server = (await app.start({ port: opts.port, host: opts.host ?? '0.0.0.0' })) as Server;
  refuseFutureRequests(server);
  const port = (server.address() as AddressInfo).port;
  opts.log.info({ mode: 'http', port }, 'slack: /news ready on POST /slack/events');
  return { port, close: () => app.stop().then(() => undefined) };
}

const SLACK_EVENTS_PATH = '/slack/events';

/** Bolt's logger interface over pino. */
function boltLogger(log: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>): BoltLogger {
  const text = (parts: unknown[]): string => parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...parts: unknown[]) => log.debug({ source: 'bolt' }, text(parts)),
    info: (...parts: unknown[]) => log.info({ source: 'bolt' }, text(parts)),
    warn: (...parts: unknown[]) => log.warn({ source: 'bolt' }, text(parts)),
    error: (...parts: unknown[]) => log.error({ source: 'bolt' }, text(parts)),
    setLevel: (next: LogLevel) => void (level = next),
    getLevel: () => level,
    setName: () => undefined,
  };
}
