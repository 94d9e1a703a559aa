// Where alerts go (config `destinations`): each entry's `type` is a row of the table of destination
// types (src/app/destination-types.ts), which says what settings it takes and how its secrets come
// from the environment. Secrets never sit in the file: it names the environment variable holding
// each (a default one otherwise). Limits: docs/chat-limits.md.
import { z } from 'zod';
import { DESTINATION_TYPES } from '../app/destination-types.ts';
import type { Destination, DestinationEnv } from '../chat/destination-type.ts';

export type { Destination, DestinationEnv } from '../chat/destination-type.ts';

/** One entry of `destinations`: its name and type, and the settings its type's row checked. */
export type DestinationConfig = { readonly name: string; readonly type: string } & Readonly<Record<string, unknown>>;

export const destinationSchema = z
  .discriminatedUnion('type', [DESTINATION_TYPES[0].schema, ...DESTINATION_TYPES.slice(1).map((row) => row.schema)])
  .transform((entry): DestinationConfig => ({ ...entry, name: String(entry.name), type: String(entry.type) }));

/**
 * When the config has no `destinations`: the bot destinations light up when their secrets are set
 * (DISCORD_TOKEN + DISCORD_CHANNEL_ID, SLACK_BOT_TOKEN + SLACK_CHANNEL); otherwise alerts print.
 */
export const DEFAULT_DESTINATIONS: readonly z.input<typeof destinationSchema>[] = [
  { name: 'discord', type: 'discord' },
  { name: 'slack', type: 'slack' },
  { name: 'console', type: 'console', fallback: true },
];

export const destinationsSchema = z.array(destinationSchema).default(() => DEFAULT_DESTINATIONS.map((d) => destinationSchema.parse(d)));

// ---- Resolution: secrets and API bases from the environment, per-destination delivery policy ----

export interface InactiveDestination {
  readonly name: string;
  readonly type: string;
  /** Environment variables to set to enable it. */
  readonly missing: readonly string[];
}

export interface ResolvedDestinations {
  readonly active: readonly Destination[];
  readonly inactive: readonly InactiveDestination[];
  readonly policies: ReadonlyMap<string, { readonly mention: string | null; readonly missedAfterMs: number | null; readonly timeoutMs: number }>;
  /** Problems to report as invalid config: [index, message]. */
  readonly errors: readonly (readonly [number, string])[];
}

/** Resolves each entry with its type's row; `fallback` entries count only when no other is set up. */
export function resolveDestinations(configs: readonly DestinationConfig[], env: DestinationEnv): ResolvedDestinations {
  const active: Destination[] = [];
  const inactive: InactiveDestination[] = [];
  const errors: [number, string][] = [];
  const policies = new Map<string, { mention: string | null; missedAfterMs: number | null; timeoutMs: number }>();
  const fallbacks: Destination[] = [];
  configs.forEach((config, index) => {
    const row = DESTINATION_TYPES.find((r) => r.type === config.type);
    if (row === undefined) throw new Error(`config/destinations-schema: no row for destination type ${config.type}`);
    const entry = config;
    const timeout = typeof entry.timeout === 'number' ? entry.timeout : DEFAULT_TIMEOUT_SECONDS;
    policies.set(config.name, {
      mention: typeof entry.mention === 'string' ? entry.mention : null,
      missedAfterMs: typeof entry.missedAfter === 'number' ? entry.missedAfter * 1000 : null,
      timeoutMs: timeout * 1000,
    });
    const found = row.resolve(entry, env);
    if (found.kind === 'ok') {
      (entry.fallback === true ? fallbacks : active).push(found.destination);
      return;
    }
    if (found.kind === 'invalid') errors.push([index, found.message]);
    else if (entry.required === true) errors.push([index, `required, but ${found.missing.join(' and ')} ${found.missing.length > 1 ? 'are' : 'is'} not set in the environment`]);
    else inactive.push({ name: config.name, type: config.type, missing: found.missing });
  });
  return { active: active.length > 0 ? active : fallbacks, inactive, policies, errors };
}

const DEFAULT_TIMEOUT_SECONDS = 15;
