// What every chat destination offers the delivery loop: send, edit, reply, each answering an
// outcome value the outbox acts on (mark sent, retry later, or record a permanent failure).
// Limits and retry rules: docs/chat-limits.md ("What an alert message must survive").
import type { Alert } from '../domain/alert.ts';

export type SendOutcome =
  /** messageId: Discord message id, Slack "channel:ts"; '' when the platform returns none (Slack incoming webhooks). */
  | { readonly kind: 'sent'; readonly messageId: string }
  /** 429 (afterMs from Retry-After), 5xx, timeout or network error: send again later, keep order. */
  | { readonly kind: 'retry'; readonly afterMs: number | null; readonly reason: string }
  /** Any other 4xx or platform error (bad token, unknown channel, invalid payload): never retried. */
  | { readonly kind: 'permanent'; readonly reason: string };

export interface SendOptions {
  /** Idempotency key, at most 25 characters, derived from the alert id (Discord `nonce`). */
  readonly nonce: string;
  /** The route's explicit mention in the platform's syntax (Discord `<@&id>`, Slack `<!subteam^S…>`), or null. */
  readonly mention: string | null;
}

export interface SinkCapabilities {
  /** Whether edit() can change a sent message (false: Slack incoming webhooks). */
  readonly edit: boolean;
  /** Whether reply() posts in a thread on the message (false: a plain follow-up message in the channel). */
  readonly threadedReplies: boolean;
}

export interface ChatSink {
  /** The destination's name from config. */
  readonly name: string;
  /** Absent means everything is supported. */
  readonly capabilities?: SinkCapabilities;
  send(alert: Alert, opts: SendOptions): Promise<SendOutcome>;
  /** Story update (also reported by, changed facts); keeps the message's mention when given the route's. */
  edit(messageId: string, alert: Alert, opts?: { readonly mention?: string | null }): Promise<SendOutcome>;
  /** Material change, as a thread reply on the message (Discord thread, Slack thread_ts). */
  reply(messageId: string, text: string, opts?: { readonly nonce?: string }): Promise<SendOutcome>;
  /** Releases timers and sockets held by the client library. */
  close?(): void;
}
