// A Discord channel posted to through an incoming webhook (no bot): execute with ?wait=true to
// get the message id back, edit it later; webhooks cannot start threads, so replies are follow-ups.
// API: https://discord.com/developers/docs/resources/webhook#execute-webhook
import { WebhookClient } from 'discord.js';
import type { ChatSink } from '../chat-sink.ts';
import { attemptDiscord, discordRestOptions, sentMessage } from './discord-rest.ts';
import type { DiscordRestOptions } from './discord-rest.ts';
import { renderDiscordEmbed, renderDiscordReply } from './render-discord-embed.ts';

export interface DiscordWebhookSinkOptions extends DiscordRestOptions {
  readonly name: string;
  /** The webhook's id and token (the two last parts of https://discord.com/api/webhooks/ID/TOKEN). */
  readonly id: string;
  readonly token: string;
}

/**
 * Retries belong to the outbox, as for the bot (see discordRestOptions). Executing a webhook takes
 * no nonce, so a resend after a crash mid-request can post twice; prefer a bot where that matters.
 */
export function createDiscordWebhookSink(opts: DiscordWebhookSinkOptions): ChatSink {
  const client = new WebhookClient({ id: opts.id, token: opts.token }, { rest: discordRestOptions(opts) });
  return {
    name: opts.name,
    capabilities: { edit: true, threadedReplies: false },
    send: (alert, { mention }) =>
      attemptDiscord('webhook send', async () => {
        const body = renderDiscordEmbed(alert, { mention });
        return sentMessage('webhook send', await client.send({ content: body.content, embeds: body.embeds, allowedMentions: body.allowed_mentions }));
      }),
    edit: (messageId, alert, editOpts) =>
      attemptDiscord('webhook edit', async () => {
        const body = renderDiscordEmbed(alert, { mention: editOpts?.mention ?? null });
        return sentMessage('webhook edit', await client.editMessage(messageId, { content: body.content, embeds: body.embeds, allowedMentions: body.allowed_mentions }));
      }),
    reply: (_messageId, text) =>
      attemptDiscord('webhook reply', async () => {
        const body = renderDiscordReply(text);
        return sentMessage('webhook reply', await client.send({ content: body.content, allowedMentions: body.allowed_mentions }));
      }),
    close: () => client.destroy(),
  };
}
