// A Discord channel posted to by the bot over REST: send with nonce + enforce_nonce (with the
// alert's "Mute rule 1 h" and "Open" buttons), edit, and replies in a thread started on the alert's message. Spec: docs/chat-limits.md.
// API: https://discord.com/developers/docs/resources/message, .../resources/channel#start-thread-from-message
import { DiscordAPIError, Routes } from 'discord.js';
import type { APIChannel, REST } from 'discord.js';
import type { ChatSink, SendOutcome } from '../chat-sink.ts';
import { attemptDiscord, MalformedAnswer, SNOWFLAKE, sentMessage } from './discord-rest.ts';
import { DISCORD_LIMITS, renderDiscordEmbed, renderDiscordReply } from './render-discord-embed.ts';
import { renderDiscordAlertButtons } from './slash-alert-buttons.ts';

export interface DiscordBotSinkOptions {
  readonly name: string;
  readonly channelId: string;
  /** Shared by every destination of the same bot token (rate limits are per bot): see createDiscordRest. */
  readonly rest: REST;
  /** Name of the thread opened on an alert's message for its updates. */
  readonly threadName?: string;
}

const THREAD_ALREADY_EXISTS = 160004;

export function createDiscordBotSink(opts: DiscordBotSinkOptions): ChatSink {
  const { rest, channelId } = opts;
  const threadName = (opts.threadName ?? 'Story updates').slice(0, 100);

  const post = async (targetChannel: string, body: object, nonce: string | undefined): Promise<SendOutcome> => {
    if (nonce !== undefined) checkNonce(nonce);
    const withNonce = nonce === undefined ? body : { ...body, nonce, enforce_nonce: true };
    return sentMessage('post', await rest.post(Routes.channelMessages(targetChannel), { body: withNonce }));
  };

  return {
    name: opts.name,
    capabilities: { edit: true, threadedReplies: true },
    send: (alert, { nonce, mention }) =>
      attemptDiscord('send', () => post(channelId, { ...renderDiscordEmbed(alert, { mention }), components: renderDiscordAlertButtons(alert) }, nonce)),
    edit: (messageId, alert, editOpts) =>
      attemptDiscord('edit', async () => {
        // Without a mention, leave `content` out so the message keeps the ping text it was sent with.
        const body = { ...renderDiscordEmbed(alert, { mention: editOpts?.mention ?? null }), components: renderDiscordAlertButtons(alert) };
        return sentMessage('edit', await rest.patch(Routes.channelMessage(channelId, messageId), { body }));
      }),
    reply: (messageId, text, replyOpts) =>
      attemptDiscord('reply', async () => {
        const threadId = await openThread(rest, channelId, messageId, threadName);
        return post(threadId, renderDiscordReply(text), replyOpts?.nonce);
      }),
  };
}

/** Starts the thread on the message, or finds it: a thread started from a message has the message's id. */
async function openThread(rest: REST, channelId: string, messageId: string, name: string): Promise<string> {
  try {
    const thread = (await rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: 1440 } })) as Partial<APIChannel> | null;
    if (typeof thread?.id !== 'string' || !SNOWFLAKE.test(thread.id)) throw new MalformedAnswer('thread');
    return thread.id;
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === THREAD_ALREADY_EXISTS) return messageId;
    throw error;
  }
}

function checkNonce(nonce: string): void {
  if (nonce.length === 0 || nonce.length > DISCORD_LIMITS.nonce) {
    throw new Error(`discord: nonce ${JSON.stringify(nonce)} must be 1-${DISCORD_LIMITS.nonce} characters`);
  }
}
