// A Slack channel posted to by the bot: chat.postMessage, chat.update, and replies with
// thread_ts. The message id is "channel:ts". Spec: docs/chat-limits.md.
// API: https://docs.slack.dev/reference/methods/chat.postMessage
import type { webApi } from '@slack/bolt';
import { DEFAULT_MAX_CLIENT_WAIT_MS, malformedSuccess, waitOutRateLimits } from '../send-retry.ts';
import type { ChatSink, SendOutcome } from '../chat-sink.ts';
import { attemptSlack } from './slack-client.ts';
import { renderSlackMessage, renderSlackReply } from './render-slack-message.ts';
import { withMuteButton } from './slash-alert-actions.ts';
import { createChannelPacer, type ChannelPacer } from '../channel-pacer.ts';
import { SLACK_PACE_MS } from './slack-pace.ts';

export interface SlackBotSinkOptions {
  readonly name: string;
  /** Channel id (C…); the bot must be a member. */
  readonly channel: string;
  /** Shared by every destination of the same token: see createSlackClient. */
  readonly client: webApi.WebClient;
  /** A 429 asking to wait up to this long is waited here (order kept); longer ones go back to the outbox. */
  readonly maxClientWaitMs?: number;
  /** Least time between two posts to one channel (default SLACK_PACE_MS); shared by every sink of the client. */
  readonly paceMs?: number;
}

// One pacer per client (per bot token), so two destinations posting to one channel share its pace.
const pacers = new WeakMap<object, ChannelPacer>();

/** "C123:1700000000.000100" → its parts; null when malformed. */
export function parseSlackMessageId(messageId: string): { channel: string; ts: string } | null {
  const m = /^([A-Z0-9]+):(\d+\.\d+)$/.exec(messageId);
  return m && m[1] !== undefined && m[2] !== undefined ? { channel: m[1], ts: m[2] } : null;
}

/**
 * Slack has no idempotency key: a call that times out after Slack stored the message is posted
 * again when the outbox retries it (a rare duplicate, where Discord's nonce makes it a no-op).
 */
export function createSlackBotSink(opts: SlackBotSinkOptions): ChatSink {
  const { client, channel } = opts;
  const maxWait = opts.maxClientWaitMs ?? DEFAULT_MAX_CLIENT_WAIT_MS;
  const attempt = (what: string, call: () => Promise<SendOutcome>) => waitOutRateLimits(() => attemptSlack(what, call), maxWait);
  const pacer = pacers.get(client) ?? createChannelPacer(opts.paceMs ?? SLACK_PACE_MS);
  pacers.set(client, pacer);
  // Posts take their channel's turn for the whole attempt, rate-limit waits included: order holds.
  const posting = (target: string, what: string, call: () => Promise<SendOutcome>) => pacer.run(target, () => attempt(what, call));
  const badId = (messageId: string) => ({ kind: 'permanent', reason: `slack: malformed message id ${JSON.stringify(messageId)}` }) as const;
  return {
    name: opts.name,
    capabilities: { edit: true, threadedReplies: true },
    send: (alert, { mention }) =>
      posting(channel, 'send', async () => {
        const message = withMuteButton(renderSlackMessage(alert, { mention }), alert);
        return sentSlackMessage('chat.postMessage', await client.chat.postMessage({ channel, ...message }), channel);
      }),
    edit: async (messageId, alert, editOpts) => {
      const id = parseSlackMessageId(messageId);
      if (id === null) return badId(messageId);
      return attempt('edit', async () => {
        const { text, blocks } = withMuteButton(renderSlackMessage(alert, { mention: editOpts?.mention ?? null }), alert);
        await client.chat.update({ channel: id.channel, ts: id.ts, text, blocks });
        return { kind: 'sent', messageId };
      });
    },
    reply: async (messageId, text) => {
      const id = parseSlackMessageId(messageId);
      if (id === null) return badId(messageId);
      return posting(id.channel, 'reply', async () => {
        return sentSlackMessage('chat.postMessage', await client.chat.postMessage({ channel: id.channel, thread_ts: id.ts, ...renderSlackReply(text) }), id.channel);
      });
    },
  };
}

/** "channel:ts" of a posted message; a success without a ts (a proxy, a broken emulator) is a retry. */
function sentSlackMessage(method: string, result: { readonly ok?: boolean; readonly channel?: string; readonly ts?: string }, channel: string): SendOutcome {
  const messageId = `${result.channel ?? channel}:${result.ts ?? ''}`;
  return result.ok === true && parseSlackMessageId(messageId) !== null ? { kind: 'sent', messageId } : malformedSuccess('slack', method);
}
