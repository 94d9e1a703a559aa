// Routes: which rules go to which destinations, with what priority, digest period, quiet hours
// and hourly cap; and each destination's delivery settings. Read from the config and from chat,
// decided on in src/alerts/route-delivery.ts.
import type { Priority } from './alert.ts';

export interface QuietHours {
  /** Minutes after local midnight when quiet starts (22:00 → 1320). */
  readonly fromMinute: number;
  /** Minutes after local midnight when quiet ends; earlier than `fromMinute` means the next day. */
  readonly toMinute: number;
  /** IANA time zone, e.g. "Europe/London". */
  readonly timeZone: string;
}

export interface Route {
  /** Rule ids, or null for every rule. */
  readonly rules: readonly string[] | null;
  /** Destination names, or null for every destination. */
  readonly destinations: readonly string[] | null;
  readonly priority: Priority;
  /** Digest period for this route's low-priority and over-cap alerts. */
  readonly digestEveryMs: number;
  /** Normal and low alerts wait these out; flash never does. */
  readonly quietHours: QuietHours | null;
  /** Own posts per rule and destination in the last hour past which alerts fold into the digest. */
  readonly hourlyCap: number | null;
}

/** No routes configured: every rule to every destination, normal priority, no quiet hours, no cap. */
export const DEFAULT_ROUTE: Route = { rules: null, destinations: null, priority: 'normal', digestEveryMs: 15 * 60_000, quietHours: null, hourlyCap: null };

export interface DestinationPolicy {
  /** The role or user group flash alerts ping here, in the platform's syntax; null for none. */
  readonly mention: string | null;
  /** Alerts still pending this long after they were stored go out as one "missed" digest; null: never. */
  readonly missedAfterMs: number | null;
  /** The sink's per-request timeout: a claim is only used while this much of its lease is left. */
  readonly timeoutMs: number;
}

export const DEFAULT_DESTINATION_POLICY: DestinationPolicy = { mention: null, missedAfterMs: null, timeoutMs: 15_000 };

/** Everything delivery decides with, resolved from config: routes and per-destination settings. */
export interface DeliveryPolicy {
  readonly routes: readonly Route[];
  readonly destinations: ReadonlyMap<string, DestinationPolicy>;
}
