// Turns the command core's neutral Reply into a Block Kit response for a slash command's response_url:
// ephemeral for management replies and errors, in the channel otherwise, inside every Slack limit
// of docs/chat-limits.md; all text escaped so nothing can mention anyone. API: https://docs.slack.dev/interactivity/handling-user-interaction
import type { Reply, ReplyItem } from '../../commands/reply.ts';
import { renderSnippet } from '../render-snippet.ts';
import { ELLIPSIS, fitLines, fitText, sanitizeLink } from '../chat-text.ts';
import { SLACK_LIMITS, SLACK_MRKDWN_ESCAPES, SLACK_PLAIN_ESCAPES } from './render-slack-message.ts';
import type { SlackText } from './render-slack-message.ts';

export type SlackReplyBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] };

export interface SlackCommandResponse {
  response_type: 'ephemeral' | 'in_channel';
  /** Notification fallback; the blocks carry the content. */
  text: string;
  blocks: SlackReplyBlock[];
  replace_original: false;
}

const LINES_MAX = 2500;
const FIELD_MAX = 500;
/** Leaves room below Slack's ~12,000 characters of block text per message. */
const TOTAL_BUDGET = 11_000;
const MAX_ITEMS = 10;

export function renderSlackCommandReply(reply: Reply): SlackCommandResponse {
  const title = fitText(reply.title, SLACK_LIMITS.headerText - 2, SLACK_PLAIN_ESCAPES) || 'wirewatch';
  const blocks: SlackReplyBlock[] = [{ type: 'header', text: { type: 'plain_text', text: reply.error ? `⚠ ${title}` : title, emoji: true } }];
  let used = title.length + 2;

  const lines = fitLines(reply.lines, LINES_MAX, SLACK_MRKDWN_ESCAPES);
  if (lines !== '') {
    blocks.push({ type: 'section', text: mrkdwn(lines) });
    used += lines.length;
  }
  const fields = reply.fields.slice(0, SLACK_LIMITS.sectionFields).map((f) => mrkdwn(fitText(`${f.name}: ${f.value}`, FIELD_MAX, SLACK_MRKDWN_ESCAPES) || ELLIPSIS));
  if (fields.length > 0) {
    blocks.push({ type: 'section', fields });
    used += fields.reduce((n, f) => n + f.text.length, 0);
  }
  const items = reply.items.slice(0, MAX_ITEMS);
  const perItem = Math.min(SLACK_LIMITS.sectionText, Math.floor((TOTAL_BUDGET - used) / Math.max(1, items.length)));
  for (const item of items) blocks.push({ type: 'section', text: mrkdwn(renderItem(item, perItem)) });

  const fallback = fitText([reply.title, ...reply.lines.slice(0, 1)].join(': '), 1000, SLACK_MRKDWN_ESCAPES) || 'wirewatch';
  return { response_type: reply.ephemeral || reply.error ? 'ephemeral' : 'in_channel', text: fallback, blocks, replace_original: false };
}

function mrkdwn(text: string): SlackText {
  return { type: 'mrkdwn', text: guardQuote(text), verbatim: true };
}

/** A leading "&gt;" would render as a quote. */
function guardQuote(text: string): string {
  return text.startsWith('&gt;') ? `\u200B${text}` : text;
}

/** `*<link|title>*`, then source · time · rule, then the snippet with matched words in bold. */
function renderItem(item: ReplyItem, budget: number): string {
  const titleText = fitText(item.title, Math.min(300, Math.floor(budget / 3)), SLACK_MRKDWN_ESCAPES) || 'Untitled';
  const link = sanitizeLink(item.link, 1000);
  const title = link === null ? `*${titleText}*` : `*<${link.replaceAll('|', '%7C')}|${titleText}>*`;
  const seconds = Math.floor(item.time.getTime() / 1000);
  const when = Number.isFinite(seconds) ? ` · <!date^${seconds}^{date_short_pretty} {time}|${item.time.toISOString().slice(0, 16).replace('T', ' ')} UTC>` : '';
  const note = item.note === null ? '' : ` · ${fitText(item.note, 64, SLACK_MRKDWN_ESCAPES)}`;
  const head = `${title}\n${fitText(item.source, 100, SLACK_MRKDWN_ESCAPES) || 'unknown source'}${when}${note}`;
  const snippet = renderSnippet(item.snippet, budget - head.length - 1, { bold: '*', escapes: SLACK_MRKDWN_ESCAPES });
  return snippet === '' ? head : `${head}\n${snippet}`;
}

