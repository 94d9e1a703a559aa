// The buttons under a Discord alert: "Mute rule 1 h" (an interaction the command front end
// turns into `mute <rule> 1h`) and "Open" (a link button, no interaction). custom_id ≤ 100 characters.
// API: https://discord.com/developers/docs/interactions/message-components#buttons
import { ButtonStyle, ComponentType } from 'discord.js';
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import type { Alert } from '../../domain/alert.ts';
import { RULE_ID } from '../../commands/command-input.ts';
import { sanitizeLink } from '../chat-text.ts';

const MUTE_PREFIX = 'wirewatch:mute:';
export const ALERT_MUTE_DURATION = '1h';

/** One action row for the alert's message (`components` of the create/edit body). */
export function renderDiscordAlertButtons(alert: Pick<Alert, 'ruleId' | 'link'>): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const buttons: APIComponentInMessageActionRow[] = [];
  if (RULE_ID.test(alert.ruleId)) {
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Mute rule 1 h', custom_id: `${MUTE_PREFIX}${alert.ruleId}` });
  }
  const url = sanitizeLink(alert.link, 512);
  if (url !== null) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Open', url });
  return buttons.length === 0 ? [] : [{ type: ComponentType.ActionRow, components: buttons }];
}

/** The rule a "Mute rule 1 h" button is for, or null when the custom_id is not one of ours. */
export function parseMuteButton(customId: string): string | null {
  if (!customId.startsWith(MUTE_PREFIX)) return null;
  const rule = customId.slice(MUTE_PREFIX.length);
  return RULE_ID.test(rule) ? rule : null;
}
