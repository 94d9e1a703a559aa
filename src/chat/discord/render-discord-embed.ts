// Turns an Alert into a Discord message body (one embed) inside every Discord limit of
// docs/chat-limits.md; feed text is escaped so it can never ping or link.
// API: https://discord.com/developers/docs/resources/message#create-message
import type { Alert, Priority } from '../../domain/alert.ts';
import { describeFacts, formatFactsLine } from '../facts-line.ts';
import { ELLIPSIS, fitText, listMatchedTerms, sanitizeLink, type Escapes } from '../chat-text.ts';
import { fitParagraphs } from '../fit-paragraphs.ts';

export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  nonce: 25,
} as const;

export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  timestamp?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  author?: { name: string };
}

export interface DiscordAllowedMentions {
  parse: [];
  roles?: string[];
  users?: string[];
}

export interface DiscordMessageBody {
  content?: string;
  embeds: DiscordEmbed[];
  allowed_mentions: DiscordAllowedMentions;
}

export type DiscordMention = { readonly kind: 'role' | 'user'; readonly id: string };

/** A route's mention as written in config: `<@&roleId>` or `<@userId>` (`<@!userId>`); null if not one. */
export function parseDiscordMention(text: string): DiscordMention | null {
  const m = /^<@(!|&)?(\d{15,25})>$/.exec(text.trim());
  if (!m || m[2] === undefined) return null;
  return { kind: m[1] === '&' ? 'role' : 'user', id: m[2] };
}

const PRIORITY_COLOUR: Record<Priority, number> = { flash: 0xd32f2f, normal: 0xf57c00, low: 0x78909c };

// Every markdown special gets a backslash (Discord hides a backslash before any punctuation),
// so no bold, list, heading, quote, code or masked link can form; "<" stops <@id>, <#id>, <t:…>;
// "@" gets a zero-width space after it, so @everyone and @here never form.
const ZERO_WIDTH_SPACE = '\u200B';
export const DISCORD_MARKDOWN_ESCAPES: Escapes = Object.fromEntries([
  ...['\\', '*', '_', '~', '`', '|', '>', '#', '-', '[', ']', '(', ')', '<'].map((char) => [char, `\\${char}`]),
  ['@', `@${ZERO_WIDTH_SPACE}`],
]);
/** Plain-text fields (footer, author) show a backslash, so only mention syntax is broken there. */
export const DISCORD_PLAIN_ESCAPES: Escapes = { '@': `@${ZERO_WIDTH_SPACE}`, '<': `<${ZERO_WIDTH_SPACE}` };

// Fixed budgets keep the 6,000 total: the description gets what the other parts leave.
const FIELD_BUDGET = { where: 300, casualties: 100, when: 40, attribution: 200, matched: 300, alsoReportedBy: 400 };
const FOOTER_BUDGET = 200;
const FACTS_LINE_BUDGET = 400;

/** Renders the alert; throws only when `mention` is not a Discord mention (config validates it first). */
export function renderDiscordEmbed(alert: Alert, opts: { readonly mention: string | null }): DiscordMessageBody {
  const allowed = allowedMentionsFor(opts.mention);
  const facts = describeFacts(alert);
  const fields: NonNullable<DiscordEmbed['fields']> = [];
  const addField = (name: string, raw: string | null, max: number, inline: boolean): void => {
    if (raw === null) return;
    const value = fitText(raw, max, DISCORD_MARKDOWN_ESCAPES);
    if (value !== '') fields.push({ name, value, inline });
  };
  addField('Where', facts.where, FIELD_BUDGET.where, true);
  addField('Casualties', facts.casualties, FIELD_BUDGET.casualties, true);
  addField('When', facts.when, FIELD_BUDGET.when, true);
  addField('Attributed to', facts.attribution, FIELD_BUDGET.attribution, true);
  addField('Matched', listMatchedTerms(alert), FIELD_BUDGET.matched, false);
  if (alert.alsoReportedBy.length > 0) {
    addField('Also reported by', alert.alsoReportedBy.join(', '), FIELD_BUDGET.alsoReportedBy, false);
  }

  const title = fitText(alert.title, DISCORD_LIMITS.title, DISCORD_MARKDOWN_ESCAPES) || 'Untitled alert';
  const footer = fitText(alert.source, FOOTER_BUDGET, DISCORD_PLAIN_ESCAPES);
  // The description opens with the facts line, then the summary in paragraphs; the fields keep
  // the detail (a story update edits them).
  const factsLine = fitText(formatFactsLine(alert) ?? '', FACTS_LINE_BUDGET, DISCORD_MARKDOWN_ESCAPES);
  const lead = factsLine === '' ? '' : `${factsLine}\n\n`;
  const used = title.length + footer.length + lead.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const summary = fitParagraphs(alert.summary, Math.min(DISCORD_LIMITS.description - lead.length, DISCORD_LIMITS.embedTotal - used), DISCORD_MARKDOWN_ESCAPES);
  const description = summary === '' ? factsLine : lead + summary;

  const embed: DiscordEmbed = { title };
  const url = sanitizeLink(alert.link, 2048);
  if (url !== null) embed.url = url;
  if (description !== '') embed.description = description;
  embed.color = PRIORITY_COLOUR[alert.priority];
  if (fields.length > 0) embed.fields = fields;
  if (footer !== '') embed.footer = { text: footer };
  const year = alert.published.getUTCFullYear(); // NaN for an invalid date
  if (year >= 0 && year <= 9999) embed.timestamp = alert.published.toISOString(); // ISO 8601 has 4-digit years

  const body: DiscordMessageBody = { embeds: [embed], allowed_mentions: allowed.allowedMentions };
  if (allowed.content !== null) body.content = allowed.content;
  return body;
}

export interface DiscordReplyBody {
  content: string;
  allowed_mentions: DiscordAllowedMentions;
}

/** A short reply (thread message) with the same escaping; pings nobody. */
export function renderDiscordReply(text: string): DiscordReplyBody {
  return { content: fitText(text, DISCORD_LIMITS.content, DISCORD_MARKDOWN_ESCAPES) || ELLIPSIS, allowed_mentions: { parse: [] } };
}

function allowedMentionsFor(mention: string | null): { content: string | null; allowedMentions: DiscordAllowedMentions } {
  if (mention === null) return { content: null, allowedMentions: { parse: [] } };
  const parsed = parseDiscordMention(mention);
  if (parsed === null) throw new Error(`discord: route mention ${JSON.stringify(mention)} is not <@&roleId> or <@userId>`);
  return parsed.kind === 'role'
    ? { content: `<@&${parsed.id}>`, allowedMentions: { parse: [], roles: [parsed.id] } }
    : { content: `<@${parsed.id}>`, allowedMentions: { parse: [], users: [parsed.id] } };
}
