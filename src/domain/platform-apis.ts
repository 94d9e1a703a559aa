// The public API base URLs of the chat platforms: the defaults of WIREWATCH_DISCORD_API and
// WIREWATCH_SLACK_API, which point the clients at a local emulator in tests.

/** Discord's REST API, without version: URLs are built as `${api}/v10/…`. */
export const DEFAULT_DISCORD_API = 'https://discord.com/api';

/** Slack's Web API, ending in "/": methods are POSTed to `${api}${method}`. */
export const DEFAULT_SLACK_API = 'https://slack.com/api/';
