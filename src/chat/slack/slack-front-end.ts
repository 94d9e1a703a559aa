// The Slack front end of `/news`, as the list of chat front ends (src/app/chat-front-ends.ts) holds
// it: on when SLACK_BOT_TOKEN and a signing secret (HTTP) or an app token (Socket Mode) are set;
// Bolt loads only then. Over HTTP it is served on wirewatch's HTTP server when there is one.
import type { ChatFrontEnd } from '../front-end.ts';

export const slackFrontEnd: ChatFrontEnd = {
  platform: 'slack',
  configured: (env) => env.chat.slack.botToken !== null && (env.chat.slack.signingSecret !== null || env.chat.slack.appToken !== null),
  async start({ env, deps, log, http }) {
    const { slack } = env.chat;
    if (slack.botToken === null) throw new Error('chat/slack: started without SLACK_BOT_TOKEN');
    const { startSlackCommands } = await import('./slash-commands.ts');
    const started = await startSlackCommands({
      botToken: slack.botToken,
      signingSecret: slack.signingSecret ?? '',
      ...(slack.appToken === null ? {} : { appToken: slack.appToken }),
      port: slack.commandsPort,
      host: slack.commandsHost,
      ...(http ? { mount: http } : {}),
      api: env.slackApi,
      deps,
      managerIds: slack.managerIds,
      log: log.child({ chat: 'slack' }),
    });
    return () => started.close();
  },
};
