// The list of chat front ends of `/news`. Each runs when its platform is configured in the
// environment; one worker at a time runs them (the chat lease, see run-app.ts).
import type { ChatFrontEnd, FrontEndContext } from '../chat/front-end.ts';
import { discordFrontEnd } from '../chat/discord/discord-front-end.ts';
import { slackFrontEnd } from '../chat/slack/slack-front-end.ts';

export const CHAT_FRONT_ENDS: readonly ChatFrontEnd[] = [discordFrontEnd, slackFrontEnd];

/** Starts the configured front ends; resolves with what stops them all. */
export async function startChatFrontEnds(context: FrontEndContext): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  for (const frontEnd of CHAT_FRONT_ENDS) if (frontEnd.configured(context.env)) stops.push(await frontEnd.start(context));
  return async () => void (await Promise.all(stops.map((stop) => stop())));
}
