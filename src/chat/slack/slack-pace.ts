// Slack's pace, shared by the bot and the webhook sinks (docs/chat-limits.md); a file of its own so
// that a webhook-only worker does not load the bot's client library.

/** A little over Slack's one message per second per channel, so timer jitter never trips it. */
export const SLACK_PACE_MS = 1_100;
