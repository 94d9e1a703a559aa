// Starts the Discord `/news` front end as production does (a logged-in discord.js Client) against the
// loopback gateway and REST emulators, over the command core with a real SQLite store (tests/commands).
import type { CommandDeps } from '../../src/commands/command-deps.ts';
import { startDiscordCommands } from '../../src/chat/discord/slash-commands.ts';
import type { DiscordCommands } from '../../src/chat/discord/slash-commands.ts';
import { NOW } from '../commands/command-harness.ts';
import { startDiscordEmulator } from '../support/discord-emulator.ts';
import type { DiscordEmulator } from '../support/discord-emulator.ts';
import { startDiscordGateway } from '../support/discord-gateway-emulator.ts';
import type { DiscordGateway, InteractionRecord, Member } from '../support/discord-gateway-emulator.ts';
import { silentLog } from './slash-harness.ts';

export const GUILD = '800000000000000001';
export const CHANNEL = '600000000000000001';
export const MANAGER_ROLE = '500000000000000001';
/** Manage Server (1 << 5), as Discord sends member.permissions. */
export const MANAGE_GUILD = String(1n << 5n);
export const MANAGER: Member = { permissions: MANAGE_GUILD };
export const WITH_ROLE: Member = { roles: [MANAGER_ROLE] };
export const NOBODY: Member = { roles: ['500000000000000099'], permissions: '0' };

export interface DiscordRig {
  readonly rest: DiscordEmulator;
  readonly gateway: DiscordGateway;
  readonly front: DiscordCommands;
  ask(spec: Parameters<DiscordGateway['chatInput']>[0]): Promise<InteractionRecord>;
  close(): Promise<void>;
}

export async function startDiscordRig(deps: CommandDeps, opts: { deferAfterMs?: number; guildIds?: string[] } = {}): Promise<DiscordRig> {
  const rest = await startDiscordEmulator({ routeLimit: null, globalPerSecond: null });
  const gateway = await startDiscordGateway(rest, { guilds: [GUILD], heartbeatIntervalMs: 250 });
  const front = await startDiscordCommands({
    token: rest.token,
    guildIds: opts.guildIds ?? [GUILD],
    api: rest.apiUrl,
    deps,
    managerRoleIds: [MANAGER_ROLE],
    log: silentLog,
    now: () => NOW,
    ...(opts.deferAfterMs === undefined ? {} : { deferAfterMs: opts.deferAfterMs }),
  });
  return {
    rest,
    gateway,
    front,
    ask: (spec) => gateway.waitForAnswer(gateway.dispatch(gateway.chatInput({ channelId: CHANNEL, ...spec }))),
    close: async () => {
      await front.close();
      await gateway.close();
      await rest.close();
    },
  };
}

export interface EmbedJson {
  title?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string }[];
}

/** The one embed of the interaction's visible answer: the edited original, else the follow-up. */
export function embedOf(record: InteractionRecord): EmbedJson {
  const message = record.original ?? record.followups.at(-1);
  const embed = message?.embeds[0];
  if (embed === undefined) throw new Error('test: the answer has no embed');
  return embed as EmbedJson;
}

export function flagsOf(record: InteractionRecord): number {
  return (record.original ?? record.followups.at(-1))?.flags ?? -1;
}

/** The embed's text as sent (markdown escapes included). */
export function rawTextOf(record: InteractionRecord): string {
  const embed = embedOf(record);
  return [embed.title, embed.description, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])].filter((t) => t !== undefined).join('\n');
}

/** What a reader sees: Discord hides a backslash before punctuation. */
export function textOf(record: InteractionRecord): string {
  return rawTextOf(record).replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

export function embedTextLength(embed: EmbedJson): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}
