// A Slack channel posted to through an incoming webhook: one JSON POST, answered "ok" with no
// message id, so it cannot edit; replies become follow-up messages. Spec: chat-limits.md.
// API: https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks
import { DEFAULT_MAX_CLIENT_WAIT_MS, httpErrorOutcome, isNetworkError, malformedSuccess, networkRetry, waitOutRateLimits } from '../send-retry.ts';
import type { ChatSink, SendOutcome } from '../chat-sink.ts';
import { renderSlackMessage, renderSlackReply } from './render-slack-message.ts';
import { createChannelPacer } from '../channel-pacer.ts';
import { SLACK_PACE_MS } from './slack-pace.ts';

export interface SlackWebhookSinkOptions {
  readonly name: string;
  /** https://hooks.slack.com/services/T…/B…/… (a secret: never log it). */
  readonly url: string;
  readonly timeoutMs?: number;
  /** A 429 asking to wait up to this long is waited here (order kept); longer ones go back to the outbox. */
  readonly maxClientWaitMs?: number;
  /** Least time between two posts through the webhook (its one channel); default SLACK_PACE_MS. */
  readonly paceMs?: number;
}

// One pacer per interval, its channels keyed by webhook URL: every sink of one webhook shares its pace.
const pacers = new Map<number, ReturnType<typeof createChannelPacer>>();

/**
 * @slack/webhook is not installed with Bolt, and it is a thin axios wrapper; Node's fetch does the
 * same here with one request per call, so every retry decision stays with the outbox.
 */
export function createSlackWebhookSink(opts: SlackWebhookSinkOptions): ChatSink {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const maxWait = opts.maxClientWaitMs ?? DEFAULT_MAX_CLIENT_WAIT_MS;
  const paceMs = opts.paceMs ?? SLACK_PACE_MS;
  const pacer = pacers.get(paceMs) ?? createChannelPacer(paceMs);
  pacers.set(paceMs, pacer);
  const post = (payload: object): Promise<SendOutcome> => pacer.run(opts.url, () => waitOutRateLimits(() => postWebhook(opts.url, payload, timeoutMs), maxWait));
  return {
    name: opts.name,
    capabilities: { edit: false, threadedReplies: false },
    send: (alert, { mention }) => post(renderSlackMessage(alert, { mention })),
    edit: async () => ({ kind: 'permanent', reason: 'slack: incoming webhooks cannot edit a message' }),
    reply: (_messageId, text) => post(renderSlackReply(text)),
  };
}

async function postWebhook(url: string, payload: object, timeoutMs: number): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (isNetworkError(error)) return networkRetry('slack webhook', error);
    throw new Error('slack webhook: request failed unexpectedly', { cause: error });
  }
  const body = (await response.text().catch(() => '')).slice(0, 200);
  // Slack answers a plain "ok"; any other 2xx body comes from something in between.
  if (response.ok) return body.trim() === 'ok' ? { kind: 'sent', messageId: '' } : malformedSuccess('slack webhook', 'the webhook');
  if (response.status === 429) {
    const seconds = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
    return { kind: 'retry', afterMs: Number.isNaN(seconds) ? null : seconds * 1000, reason: 'slack webhook: rate limited' };
  }
  return httpErrorOutcome('slack webhook', response.status, body);
}
