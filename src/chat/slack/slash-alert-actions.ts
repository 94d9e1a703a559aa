// The "Mute rule 1 h" button under a Slack alert: a block action the Bolt app turns into
// `mute <rule> 1h`; the alert's own "Read the article" URL button is acked there too.
// API: https://docs.slack.dev/reference/block-kit/block-elements/button-element
import type { Alert } from '../../domain/alert.ts';
import { RULE_ID } from '../../commands/command-input.ts';
import type { SlackBlock } from './render-slack-message.ts';

export const MUTE_RULE_ACTION_ID = 'wirewatch_mute_rule';
/** The action_id render-slack-message.ts gives the alert's link button. */
export const OPEN_ARTICLE_ACTION_ID = 'wirewatch_open_article';
export const ALERT_MUTE_DURATION = '1h';

export interface SlackMuteButton {
  type: 'button';
  text: { type: 'plain_text'; text: string; emoji: false };
  action_id: string;
  value: string;
}

/** The button to append to the alert's actions block; null when the rule id could not round-trip. */
export function renderSlackMuteButton(alert: Pick<Alert, 'ruleId'>): SlackMuteButton | null {
  if (!RULE_ID.test(alert.ruleId)) return null;
  return { type: 'button', text: { type: 'plain_text', text: 'Mute rule 1 h', emoji: false }, action_id: MUTE_RULE_ACTION_ID, value: alert.ruleId };
}

/** The rule a mute button's value names, or null when it is not a rule id. */
export function parseMuteValue(value: string | undefined): string | null {
  return value !== undefined && RULE_ID.test(value) ? value : null;
}

/** The alert message with its "Mute rule 1 h" button beside "Read the article" (bot posts only: a button needs the app). */
export function withMuteButton<M extends { blocks: SlackBlock[] }>(message: M, alert: Pick<Alert, 'ruleId'>): M {
  const button = renderSlackMuteButton(alert);
  if (button === null) return message;
  const blocks = [...message.blocks];
  const last = blocks[blocks.length - 1];
  if (last?.type === 'actions') blocks[blocks.length - 1] = { ...last, elements: [...last.elements, button] };
  else blocks.push({ type: 'actions', elements: [button] });
  return { ...message, blocks };
}
