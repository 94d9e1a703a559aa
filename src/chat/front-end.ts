// What a chat front end of `/news` is: when it is on (from the environment) and how it starts,
// loading its platform's code only then. The list is src/app/chat-front-ends.ts.
import type { CommandDeps } from '../commands/command-deps.ts';
import type { Env } from '../config/env.ts';
import type { HttpMount } from '../http/http-server.ts';
import type { Logger } from '../log/create-logger.ts';

export interface FrontEndContext {
  readonly env: Env;
  readonly deps: CommandDeps;
  readonly log: Logger;
  /** wirewatch's HTTP server, for front ends that receive requests; null when there is none. */
  readonly http: HttpMount | null;
}

export interface ChatFrontEnd {
  readonly platform: string;
  configured(env: Env): boolean;
  /** Starts it; resolves with what stops it. */
  start(context: FrontEndContext): Promise<() => Promise<void>>;
}
