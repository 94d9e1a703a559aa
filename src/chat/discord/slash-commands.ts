// Starts the Discord front end of `/news`: logs a discord.js client in to the gateway,
// registers the command in each configured guild (bulk overwrite: idempotent, effective at once)
// and hands interactions to slash-interactions.ts. One process holds the gateway (docs/architecture.md).
// API: https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-guild-application-commands
import { Client, DiscordAPIError, Events, GatewayIntentBits, Routes } from 'discord.js';
import type { REST } from 'discord.js';
import type { CommandDeps } from '../../commands/command-deps.ts';
import type { Logger } from '../../log/create-logger.ts';
import { DEFAULT_DISCORD_API } from '../../domain/platform-apis.ts';
import { NEWS_COMMAND } from './slash-command-definition.ts';
import { createInteractionHandler } from './slash-interactions.ts';

export interface DiscordCommandsOptions {
  readonly token: string;
  /** The application (client) id; when absent, the one the gateway's READY names. */
  readonly applicationId?: string;
  /** Guilds to register `/news` in (guild commands update at once; global ones can take an hour). */
  readonly guildIds: readonly string[];
  /** API base without version (WIREWATCH_DISCORD_API); the gateway URL comes from GET /gateway/bot there. */
  readonly api?: string;
  readonly deps: CommandDeps;
  readonly managerRoleIds: readonly string[];
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly deferAfterMs?: number;
  readonly now?: () => Date;
}

export interface DiscordCommands {
  /** Guilds where registration failed, with Discord's reason (the bot still answers elsewhere). */
  readonly failedGuilds: readonly { readonly guildId: string; readonly reason: string }[];
  close(): Promise<void>;
}

export async function startDiscordCommands(opts: DiscordCommandsOptions): Promise<DiscordCommands> {
  // No privileged intents: interactions arrive without any; Guilds lets discord.js cache the guilds' roles.
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: opts.api ?? DEFAULT_DISCORD_API } });
  const handle = createInteractionHandler(opts);
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: unknown) => opts.log.error({ err: error, interaction: interaction.id }, 'discord: answering an interaction failed'));
  });
  client.on(Events.Error, (error) => opts.log.error({ err: error }, 'discord: gateway error'));
  try {
    await client.login(opts.token);
  } catch (cause) {
    await client.destroy();
    throw new Error('discord/slash-commands: login failed (check DISCORD_TOKEN)', { cause });
  }
  const applicationId = opts.applicationId ?? client.application?.id;
  if (applicationId === undefined) {
    await client.destroy();
    throw new Error('discord/slash-commands: the gateway did not name the application; set DISCORD_APPLICATION_ID');
  }
  const failedGuilds = await registerNewsCommand(client.rest, applicationId, opts.guildIds);
  for (const failed of failedGuilds) opts.log.warn(failed, 'discord: /news not registered in this guild (invite the bot with the applications.commands scope)');
  opts.log.info({ guilds: opts.guildIds.length - failedGuilds.length }, 'discord: /news ready');
  return { failedGuilds, close: () => client.destroy() };
}

/** Overwrites the guild's commands with `/news`; a guild that refuses (403, 404) is reported, not thrown. */
export async function registerNewsCommand(rest: REST, applicationId: string, guildIds: readonly string[]): Promise<{ guildId: string; reason: string }[]> {
  const failed: { guildId: string; reason: string }[] = [];
  for (const guildId of guildIds) {
    try {
      await rest.put(Routes.applicationGuildCommands(applicationId, guildId), { body: [NEWS_COMMAND] });
    } catch (error) {
      if (!(error instanceof DiscordAPIError) || error.status >= 500 || error.status === 429) {
        throw new Error(`discord/slash-commands: registering /news in guild ${guildId} failed`, { cause: error });
      }
      failed.push({ guildId, reason: `HTTP ${error.status} code ${String(error.code)} ${error.message}` });
    }
  }
  return failed;
}
