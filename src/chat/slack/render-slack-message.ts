// Turns an Alert into a Slack Block Kit message (header, summary, context, button, text fallback)
// inside every Slack limit of docs/chat-limits.md; feed text can never mention anyone.
// API: https://docs.slack.dev/reference/block-kit/blocks
import { fitParagraphs } from '../fit-paragraphs.ts';
import type { Alert } from '../../domain/alert.ts';
import { ELLIPSIS, fitText, listMatchedTerms, sanitizeLink, type Escapes } from '../chat-text.ts';
import { formatFactsLine } from '../facts-line.ts';

export const SLACK_LIMITS = {
  text: 4000,
  blocks: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  buttonUrl: 3000,
  actionId: 255,
  blocksTextTotal: 12000,
} as const;

export interface SlackText {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
  verbatim?: boolean;
}

export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text: SlackText }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'actions'; elements: { type: 'button'; text: SlackText; url?: string; value?: string; action_id: string }[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

/** A route's mention as written in config: `<@U…>`, `<!subteam^S…>`, `<!here>` or `<!channel>`; null if not one. */
export function parseSlackMention(text: string): string | null {
  const trimmed = text.trim();
  return /^(?:<@[UW][A-Z0-9]{2,30}>|<!subteam\^S[A-Z0-9]{2,30}>|<!here>|<!channel>)$/.test(trimmed) ? trimmed : null;
}

// Slack has no backslash escape: `&<>` become entities (so no <!channel>, <@U…> or <url|label> can
// form), the formatting characters become look-alikes, and "@" gets a zero-width space after it.
export const SLACK_MRKDWN_ESCAPES: Escapes = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '*': '\u2217',
  _: '\u02CD',
  '~': '\u223C',
  '`': '\u02CB',
  '@': '@\u200B',
};
/** plain_text shows * _ ~ ` as they are, but Slack still decodes &amp; &lt; &gt; there. */
export const SLACK_PLAIN_ESCAPES: Escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '@': '@\u200B' };

const CONTEXT_BUDGET = 600;
const ARTICLE_ACTION_ID = 'wirewatch_open_article';

/** Renders the alert; throws only when `mention` is not a Slack mention (config validates it first). */
export function renderSlackMessage(alert: Alert, opts: { readonly mention: string | null }): SlackMessage {
  const mention = mentionPrefix(opts.mention);
  const flash = alert.priority === 'flash' ? '🚨 ' : '';
  const header = flash + (fitText(alert.title, SLACK_LIMITS.headerText - flash.length, SLACK_PLAIN_ESCAPES) || 'Untitled alert');

  // The facts line first, then the summary in paragraphs.
  const facts = formatFactsLine(alert);
  const factsText = facts === null ? '' : `${guardQuote(fitText(facts, 499, SLACK_MRKDWN_ESCAPES))}\n\n`;
  const summaryBudget = SLACK_LIMITS.sectionText - mention.length - factsText.length;
  const sectionText = mention + factsText + (guardedParagraphs(alert.summary, summaryBudget) || ELLIPSIS);

  const context: SlackText[] = [mrkdwn(guardQuote(fitText(alert.source, 199, SLACK_MRKDWN_ESCAPES) || 'Unknown source') + postedAt(alert.published))];
  const terms = listMatchedTerms(alert);
  if (terms !== '') context.push(mrkdwn(`Matched: ${fitText(terms, CONTEXT_BUDGET, SLACK_MRKDWN_ESCAPES)}`));
  if (alert.alsoReportedBy.length > 0) {
    context.push(mrkdwn(`Also reported by ${fitText(alert.alsoReportedBy.join(', '), CONTEXT_BUDGET, SLACK_MRKDWN_ESCAPES)}`));
  }

  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: header, emoji: true } },
    { type: 'section', text: mrkdwn(sectionText) },
    { type: 'context', elements: context },
  ];
  const url = sanitizeLink(alert.link, SLACK_LIMITS.buttonUrl);
  if (url !== null) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Read the article', emoji: false }, url, action_id: ARTICLE_ACTION_ID }],
    });
  }
  const fallback = `${mention}${flash}${fitText(alert.title, 1000, SLACK_MRKDWN_ESCAPES)} (${fitText(alert.source, 200, SLACK_MRKDWN_ESCAPES)})`;
  return { text: fallback, blocks, unfurl_links: false, unfurl_media: false };
}

/** A short thread reply with the same escaping; mentions nobody. */
export function renderSlackReply(text: string): { text: string; unfurl_links: false; unfurl_media: false } {
  return { text: guardQuote(fitText(text, SLACK_LIMITS.text - 1, SLACK_MRKDWN_ESCAPES) || ELLIPSIS), unfurl_links: false, unfurl_media: false };
}

function mrkdwn(text: string): SlackText {
  // verbatim: Slack does not link-ify URLs, channel names or mentions by itself in this text.
  return { type: 'mrkdwn', text, verbatim: true };
}

/** The summary's paragraphs within `max`, each line guarded against reading as a quote. */
function guardedParagraphs(summary: string, max: number): string {
  for (let budget = max; budget > 0; budget -= 8) {
    const text = fitParagraphs(summary, budget, SLACK_MRKDWN_ESCAPES).split('\n').map(guardQuote).join('\n');
    if (text.length <= max) return text;
  }
  return '';
}

// A leading "&gt;" would render as a quote: a zero-width space in front keeps it literal.
function guardQuote(text: string): string {
  return text.startsWith('&gt;') ? `\u200B${text}` : text;
}

function mentionPrefix(mention: string | null): string {
  if (mention === null) return '';
  const parsed = parseSlackMention(mention);
  if (parsed === null) throw new Error(`slack: route mention ${JSON.stringify(mention)} is not <@U…>, <!subteam^S…>, <!here> or <!channel>`);
  return `${parsed} `;
}

/** " · <!date^…|Fri 27 Dec 2019 10:00 UTC>": Slack shows the time in the reader's own zone. */
function postedAt(published: Date): string {
  const seconds = Math.floor(published.getTime() / 1000);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 253_402_300_799) return ''; // 1970 to 9999 only
  const utc = published.toISOString().replace('T', ' ').slice(0, 16);
  return ` · <!date^${seconds}^{date_short_pretty} {time}|${utc} UTC>`;
}
