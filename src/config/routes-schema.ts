// Which rules go to which destinations, and how (config `routes`): priority (flash pings the
// destination's mention, normal, low goes into a digest), digest period, quiet hours, hourly cap.
// Decisions: src/alerts/route-delivery.ts.
import { z } from 'zod';
import type { Route } from '../domain/route.ts';
import { parseClockMinute } from './clock-minute.ts';
import { durationSeconds } from './duration.ts';

const clock = z.string().transform((text, ctx) => {
  const minute = parseClockMinute(text);
  if (minute === null) {
    ctx.addIssue({ code: 'custom', message: `expected a time of day such as "22:00", got ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return minute;
});

const timeZone = z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as "Europe/London" or "UTC"' });

const quietHoursSchema = z.strictObject({ from: clock, to: clock, timeZone: timeZone.default('UTC') });

const allOr = (what: string) =>
  z.union([z.literal('*'), z.array(z.string().min(1, `expected a ${what}`)).min(1, `expected at least one ${what}, or "*"`)]).default('*');

export const routeSchema = z.strictObject({
  rules: allOr('rule id'),
  to: allOr('destination name'),
  priority: z.enum(['flash', 'normal', 'low']).default('normal'),
  digestEvery: durationSeconds(60, 86_400).default(900),
  quietHours: quietHoursSchema.optional(),
  hourlyCap: z.number().int().min(1).max(10_000).optional(),
});

export const routesSchema = z.array(routeSchema).default([]);

export type RouteConfig = z.output<typeof routeSchema>;

/** Flags routes naming rules or destinations the config does not have (use in the config's superRefine). */
export function checkRouteNames(
  config: { readonly routes: readonly RouteConfig[]; readonly rules: readonly { readonly id: string }[]; readonly destinations: readonly { readonly name: string }[] },
  ctx: z.RefinementCtx,
): void {
  const rules = new Set(config.rules.map((r) => r.id));
  const destinations = new Set(config.destinations.map((d) => d.name));
  config.routes.forEach((route, index) => {
    if (route.rules !== '*') {
      route.rules.forEach((id, i) => {
        if (!rules.has(id)) ctx.addIssue({ code: 'custom', path: ['routes', index, 'rules', i], message: `no rule "${id}"` });
      });
    }
    if (route.to !== '*') {
      route.to.forEach((dest, i) => {
        if (!destinations.has(dest)) ctx.addIssue({ code: 'custom', path: ['routes', index, 'to', i], message: `no destination "${dest}"` });
      });
    }
  });
}

export function resolveRoute(route: RouteConfig): Route {
  return {
    rules: route.rules === '*' ? null : route.rules,
    destinations: route.to === '*' ? null : route.to,
    priority: route.priority,
    digestEveryMs: route.digestEvery * 1000,
    quietHours: route.quietHours === undefined ? null : { fromMinute: route.quietHours.from, toMinute: route.quietHours.to, timeZone: route.quietHours.timeZone },
    hourlyCap: route.hourlyCap ?? null,
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
