// The Discord front end of `/news`, as the list of chat front ends (src/app/chat-front-ends.ts) holds
// it: on when DISCORD_TOKEN and DISCORD_GUILD_IDS are set; discord.js loads only then.
import type { ChatFrontEnd } from '../front-end.ts';

export const discordFrontEnd: ChatFrontEnd = {
  platform: 'discord',
  configured: (env) => env.chat.discord.token !== null && env.chat.discord.guildIds.length > 0,
  async start({ env, deps, log }) {
    const { discord } = env.chat;
    if (discord.token === null) throw new Error('chat/discord: started without DISCORD_TOKEN');
    const { startDiscordCommands } = await import('./slash-commands.ts');
    const started = await startDiscordCommands({
      token: discord.token,
      ...(discord.applicationId === null ? {} : { applicationId: discord.applicationId }),
      guildIds: discord.guildIds,
      api: env.discordApi,
      deps,
      managerRoleIds: discord.managerRoleIds,
      log: log.child({ chat: 'discord' }),
    });
    for (const failed of started.failedGuilds) log.warn({ guild: failed.guildId }, `could not register /news: ${failed.reason}`);
    return () => started.close();
  },
};
