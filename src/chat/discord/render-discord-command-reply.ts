// Turns the command core's neutral Reply into an interaction response body: one embed inside every
// Discord limit (docs/chat-limits.md), flag 64 (ephemeral) for management replies and errors, pings nobody.
// API: https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-messages
import type { Reply, ReplyItem } from '../../commands/reply.ts';
import { renderSnippet } from '../render-snippet.ts';
import { ELLIPSIS, fitLines, fitText, sanitizeLink } from '../chat-text.ts';
import { DISCORD_LIMITS, DISCORD_MARKDOWN_ESCAPES } from './render-discord-embed.ts';
import type { DiscordAllowedMentions, DiscordEmbed } from './render-discord-embed.ts';

export const EPHEMERAL_FLAG = 64;
const COLOUR = { ok: 0x1e88e5, error: 0xd32f2f } as const;
const MAX_ITEMS = 10;
const FIELD_NAME_MAX = 100;
const FIELD_VALUE_MAX = 300;

export interface DiscordCommandReplyBody {
  embeds: DiscordEmbed[];
  allowed_mentions: DiscordAllowedMentions;
  flags?: number;
}

export function renderDiscordCommandReply(reply: Reply): DiscordCommandReplyBody {
  const title = fitText(reply.title, DISCORD_LIMITS.title, DISCORD_MARKDOWN_ESCAPES) || 'wirewatch';
  const items = reply.items.slice(0, MAX_ITEMS);
  const hasMore = items.length > 0 || reply.fields.length > 0;
  const description = fitLines(reply.lines, hasMore ? 1500 : DISCORD_LIMITS.description, DISCORD_MARKDOWN_ESCAPES);
  let budget = DISCORD_LIMITS.embedTotal - title.length - description.length;

  const fields: NonNullable<DiscordEmbed['fields']> = [];
  for (const field of reply.fields.slice(0, DISCORD_LIMITS.fields - items.length)) {
    const name = fitText(field.name, FIELD_NAME_MAX, DISCORD_MARKDOWN_ESCAPES) || '·';
    const value = fitText(field.value, FIELD_VALUE_MAX, DISCORD_MARKDOWN_ESCAPES) || '·';
    fields.push({ name, value, inline: true });
    budget -= name.length + value.length;
  }
  const perItem = Math.floor(Math.max(0, budget) / Math.max(1, items.length));
  for (const item of items) fields.push(renderItem(item, perItem));

  const embed: DiscordEmbed = { title, color: reply.error ? COLOUR.error : COLOUR.ok };
  if (description !== '') embed.description = description;
  if (fields.length > 0) embed.fields = fields;
  const body: DiscordCommandReplyBody = { embeds: [embed], allowed_mentions: { parse: [] } };
  if (reply.ephemeral || reply.error) body.flags = EPHEMERAL_FLAG;
  return body;
}

/** A result as a field: the title as name; source, time (Discord shows it in the reader's zone), link and snippet as value. */
function renderItem(item: ReplyItem, budget: number): { name: string; value: string } {
  const name = fitText(item.title, Math.max(8, Math.min(FIELD_NAME_MAX * 2, Math.floor(budget * 0.3))), DISCORD_MARKDOWN_ESCAPES) || 'Untitled';
  const valueMax = Math.max(8, Math.min(DISCORD_LIMITS.fieldValue, budget - name.length));
  const seconds = Math.floor(item.time.getTime() / 1000);
  const when = Number.isFinite(seconds) ? ` · <t:${seconds}:R>` : '';
  const note = item.note === null ? '' : ` · ${fitText(item.note, 64, DISCORD_MARKDOWN_ESCAPES)}`;
  const source = fitText(item.source, 80, DISCORD_MARKDOWN_ESCAPES) || 'unknown source';
  const link = sanitizeLink(item.link, 512);
  let head = `${source}${when}${note}`;
  if (link !== null) head += ` · [open](${link})`;
  if (head.length > valueMax) head = fitText(`${item.source}${note}`, valueMax, DISCORD_MARKDOWN_ESCAPES);
  const snippet = renderSnippet(item.snippet, valueMax - head.length - 1, { bold: '**', escapes: DISCORD_MARKDOWN_ESCAPES });
  return { name, value: snippet === '' ? head || ELLIPSIS : `${head}\n${snippet}` };
}

