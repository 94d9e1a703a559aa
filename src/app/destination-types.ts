// The table of destination types: one row per `type:` a config destination may have. Each row
// (in its platform's folder under src/chat/) says what settings the type takes, how its secrets come
// from the environment, and how its sink opens. A new type is a folder and a row here
// (docs/architecture.md "Adding a destination type").
import type { DestinationType } from '../chat/destination-type.ts';
import { consoleDestination } from '../chat/console/console-destination.ts';
import { discordBotDestination } from '../chat/discord/discord-bot-destination.ts';
import { discordWebhookDestination } from '../chat/discord/discord-webhook-destination.ts';
import { slackBotDestination } from '../chat/slack/slack-bot-destination.ts';
import { slackWebhookDestination } from '../chat/slack/slack-webhook-destination.ts';

export const DESTINATION_TYPES: readonly [DestinationType, ...DestinationType[]] = [
  consoleDestination,
  discordBotDestination,
  discordWebhookDestination,
  slackBotDestination,
  slackWebhookDestination,
];
