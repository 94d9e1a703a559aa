// What Slack sends a Bolt app, signed as Slack signs it (docs/chat-limits.md "request signing"):
// slash commands and block actions POSTed to the receiver; plus the Slack emulator routes such a
// conversation needs (tests/support/slack-emulator.ts): response_url endpoints and user groups.
//
//   const urls = addResponseUrls(slack);                      // slack: startSlackEmulator()
//   const sent = await postSlashCommand(endpoint, SECRET, { text: 'status', response_url: urls.create() });
//   const [answer] = await urls.waitFor(sent.responseUrl, 1);
import { createHmac } from 'node:crypto';
import { validateSlackBlocks } from './slack-emulator.ts';
import type { SlackEmulator } from './slack-emulator.ts';

export interface SignOptions {
  /** Seconds since the epoch; default now. */
  readonly timestamp?: number;
  /** Sign with this secret instead (a forged request). */
  readonly secret?: string;
}

/** The two headers Slack adds: X-Slack-Request-Timestamp and X-Slack-Signature (v0=hex HMAC-SHA256). */
export function signSlackRequest(secret: string, rawBody: string, timestamp: number): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

export interface Posted {
  readonly status: number;
  readonly body: string;
}

async function postSigned(endpoint: string, secret: string, rawBody: string, opts: SignOptions): Promise<Posted> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(endpoint, {
    method: 'POST',
    // Exactly this content type: Bolt compares it strictly (a charset suffix breaks parsing).
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(opts.secret ?? secret, rawBody, timestamp) },
    body: rawBody,
  });
  return { status: response.status, body: await response.text() };
}

export interface SlashCommandFields {
  readonly text: string;
  readonly response_url: string;
  readonly user_id?: string;
  readonly channel_id?: string;
  readonly command?: string;
}

/** POSTs a slash command as Slack does (form-encoded, signed). */
export function postSlashCommand(endpoint: string, secret: string, fields: SlashCommandFields, opts: SignOptions = {}): Promise<Posted> {
  const body = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0EMULATOR',
    team_domain: 'emulator',
    channel_id: fields.channel_id ?? 'C0NEWSROOM',
    channel_name: 'newsroom',
    user_id: fields.user_id ?? 'U0ANALYST',
    user_name: 'analyst',
    command: fields.command ?? '/news',
    text: fields.text,
    api_app_id: 'A0WIREWATCH',
    is_enterprise_install: 'false',
    response_url: fields.response_url,
    trigger_id: `${Date.now()}.trigger`,
  });
  return postSigned(endpoint, secret, body.toString(), opts);
}

/** POSTs a block_actions payload for one button press on a bot message. */
export function postButtonPress(
  endpoint: string,
  secret: string,
  press: { readonly actionId: string; readonly value?: string; readonly userId?: string; readonly channelId?: string; readonly responseUrl: string },
  opts: SignOptions = {},
): Promise<Posted> {
  const channel = press.channelId ?? 'C0NEWSROOM';
  const payload = {
    type: 'block_actions',
    user: { id: press.userId ?? 'U0ANALYST', username: 'analyst', name: 'analyst', team_id: 'T0EMULATOR' },
    api_app_id: 'A0WIREWATCH',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: '1773144000.000100', channel_id: channel, is_ephemeral: false },
    trigger_id: `${Date.now()}.trigger`,
    team: { id: 'T0EMULATOR', domain: 'emulator' },
    channel: { id: channel, name: 'newsroom' },
    message: { type: 'message', ts: '1773144000.000100', text: 'alert', user: 'U0WIREWATCH', bot_id: 'B0WIREWATCH' },
    response_url: press.responseUrl,
    actions: [{
      type: 'button', action_id: press.actionId, block_id: 'alert-actions', text: { type: 'plain_text', text: 'button', emoji: false },
      ...(press.value === undefined ? {} : { value: press.value }), action_ts: `${Date.now() / 1000}`,
    }],
  };
  return postSigned(endpoint, secret, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), opts);
}

export interface ResponseUrls {
  /** A fresh response_url on the emulator. */
  create(): string;
  /** What was posted to it, in order (the JSON bodies Slack accepted). */
  responses(url: string): Record<string, unknown>[];
  /** Resolves once `count` responses arrived (rejects after `timeoutMs`). */
  waitFor(url: string, count: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
}

const MAX_RESPONSES = 5;

/** response_url endpoints: JSON bodies validated like chat.postMessage, at most 5 replies each. */
export function addResponseUrls(slack: SlackEmulator): ResponseUrls {
  const received = new Map<string, Record<string, unknown>[]>();
  let counter = 0;
  slack.route('POST', '/commands/T0EMULATOR/:id/:secret', ({ params, body }) => {
    const list = received.get(`${params.id}/${params.secret}`);
    if (list === undefined) return { status: 404, body: { ok: false, error: 'invalid_url' } };
    if (list.length >= MAX_RESPONSES) return { status: 404, body: { ok: false, error: 'used_url' } };
    const text = typeof body.text === 'string' ? body.text : '';
    if (text === '' && !Array.isArray(body.blocks)) return { status: 400, body: { ok: false, error: 'no_text' } };
    if (text.length > 4000) return { status: 400, body: { ok: false, error: 'msg_too_long' } };
    if (body.blocks !== undefined) {
      const problems = validateSlackBlocks(body.blocks);
      if (problems.errors.length > 0) return { status: 400, body: { ok: false, error: 'invalid_blocks', errors: problems.errors } };
      if (problems.textLength > 12_000) return { status: 400, body: { ok: false, error: 'msg_blocks_too_long' } };
    }
    list.push(body);
    return { status: 200, body: { ok: true } };
  }, { auth: 'none' });
  const keyOf = (url: string): string => new URL(url).pathname.split('/').slice(3).join('/');
  const responses = (url: string): Record<string, unknown>[] => [...(received.get(keyOf(url)) ?? [])];
  return {
    create: () => {
      counter += 1;
      const key = `${1000 + counter}/secret${counter}`;
      received.set(key, []);
      return `${slack.origin}/commands/T0EMULATOR/${key}`;
    },
    responses,
    waitFor: async (url, count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (responses(url).length < count) {
        if (Date.now() > deadline) throw new Error(`slack-requests: ${count} responses expected at ${url}, got ${responses(url).length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return responses(url);
    },
  };
}

/** usergroups.users.list for the given groups (needs the bot token, like every Web API method). */
export function addUserGroups(slack: SlackEmulator, groups: Readonly<Record<string, readonly string[]>>): void {
  slack.route('POST', '/api/usergroups.users.list', ({ body }) => {
    const members = groups[String(body.usergroup ?? '')];
    return members === undefined ? { status: 200, body: { ok: false, error: 'no_such_subteam' } } : { status: 200, body: { ok: true, users: [...members] } };
  });
}
