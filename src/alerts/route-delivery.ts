// Routing, decided per outbox row when it is due: which route sends this rule's alert to this
// destination, and whether it goes now (with the route's priority and mention), waits for the end
// of quiet hours, folds into the next digest (low priority, or past the hourly cap), or is dropped.
// Pure: no clock, no database. Config: src/config/routes-schema.ts.
import type { Priority } from '../domain/alert.ts';
import { DEFAULT_ROUTE, type Route } from '../domain/route.ts';
import { quietUntil } from './route-quiet-hours.ts';

export interface RouteInput {
  readonly ruleId: string;
  readonly destination: string;
  /** 'post' rows are decided afresh; 'digest' rows are already folded and only wait out quiet hours. */
  readonly kind: 'post' | 'digest';
  /** The story already has a message in this destination: the alert edits it (never capped, never waits). */
  readonly isUpdate: boolean;
  /** Own posts of this rule to this destination in the last hour. */
  readonly postsLastHour: number;
  readonly now: Date;
}

export type RouteDecision =
  | { readonly kind: 'drop' }
  | { readonly kind: 'send'; readonly priority: Priority; readonly mention: string | null }
  | { readonly kind: 'update'; readonly priority: Priority }
  | { readonly kind: 'wait'; readonly until: Date }
  | { readonly kind: 'digest'; readonly until: Date; readonly reason: 'low' | 'cap' }
  | { readonly kind: 'in-digest' };

const RANK: Record<Priority, number> = { flash: 3, normal: 2, low: 1 };

/** The route that applies: of those naming the rule and the destination, the highest priority (first on a tie). */
export function findRoute(routes: readonly Route[], ruleId: string, destination: string): Route | null {
  if (routes.length === 0) return DEFAULT_ROUTE;
  let best: Route | null = null;
  for (const route of routes) {
    if (route.rules !== null && !route.rules.includes(ruleId)) continue;
    if (route.destinations !== null && !route.destinations.includes(destination)) continue;
    if (best === null || RANK[route.priority] > RANK[best.priority]) best = route;
  }
  return best;
}

/**
 * Decides one due row. `mention` is the destination's configured mention (role or user group),
 * used for flash alerts only.
 */
export function routeDelivery(input: RouteInput, routes: readonly Route[], mention: string | null): RouteDecision {
  const route = findRoute(routes, input.ruleId, input.destination);
  if (route === null) return { kind: 'drop' };
  if (input.isUpdate) return { kind: 'update', priority: route.priority };
  const quietEnd = route.priority === 'flash' ? null : quietUntil(input.now, route.quietHours);
  if (input.kind === 'digest') return quietEnd === null ? { kind: 'in-digest' } : { kind: 'wait', until: quietEnd };
  if (route.priority === 'low') return { kind: 'digest', until: nextDigestAt(input.now, route.digestEveryMs), reason: 'low' };
  if (route.hourlyCap !== null && input.postsLastHour >= route.hourlyCap) {
    return { kind: 'digest', until: nextDigestAt(input.now, route.digestEveryMs), reason: 'cap' };
  }
  if (quietEnd !== null) return { kind: 'wait', until: quietEnd };
  return { kind: 'send', priority: route.priority, mention: route.priority === 'flash' ? mention : null };
}

/** The next digest slot strictly after `now`: slots are multiples of `everyMs` since the epoch, so every worker agrees. */
export function nextDigestAt(now: Date, everyMs: number): Date {
  const every = Math.max(1000, everyMs);
  return new Date((Math.floor(now.getTime() / every) + 1) * every);
}

/** Whether any route caps posts (so the delivery loop needs the hourly counts). */
export function hasCaps(routes: readonly Route[]): boolean {
  return routes.some((route) => route.hourlyCap !== null);
}
