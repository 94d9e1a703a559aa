// Routing decisions per due outbox row (table-driven), quiet hours across midnight and time
// zones, digest slots, story-update merging and the digest message.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/alert.ts';
import { findRoute, nextDigestAt, routeDelivery, type RouteInput } from '../../src/alerts/route-delivery.ts';
import { quietUntil } from '../../src/alerts/route-quiet-hours.ts';
import { parseClockMinute } from '../../src/config/clock-minute.ts';
import type { Route } from '../../src/domain/route.ts';
import { describeStoryUpdate, mergeFacts, updatedStoryAlert } from '../../src/alerts/route-story-update.ts';
import { buildDigestAlert } from '../../src/alerts/digest-alert.ts';

const MIN = 60_000;
const route = (overrides: Partial<Route>): Route => ({ rules: null, destinations: null, priority: 'normal', digestEveryMs: 15 * MIN, quietHours: null, hourlyCap: null, ...overrides });
const NIGHT = { fromMinute: 22 * 60, toMinute: 7 * 60, timeZone: 'UTC' };
const NOON = new Date('2026-03-01T12:00:00Z');
const MIDNIGHT = new Date('2026-03-01T23:30:00Z');
const input = (overrides: Partial<RouteInput>): RouteInput => ({ ruleId: 'r1', destination: 'ops', kind: 'post', isUpdate: false, postsLastHour: 0, now: NOON, ...overrides });

describe('routeDelivery', () => {
  const routes: Route[] = [
    route({ rules: ['r1'], destinations: ['ops'], priority: 'flash', quietHours: NIGHT, hourlyCap: 3 }),
    route({ rules: ['r1', 'r2'], destinations: ['ops', 'news'], priority: 'normal', quietHours: NIGHT }),
    route({ rules: null, destinations: ['digest'], priority: 'low', digestEveryMs: 30 * MIN, quietHours: NIGHT }),
    route({ rules: ['r3'], destinations: ['news'], priority: 'normal', hourlyCap: 2, digestEveryMs: 10 * MIN }),
  ];
  it.each<[string, Partial<RouteInput>, ReturnType<typeof routeDelivery>]>([
    ['flash pings the mention', {}, { kind: 'send', priority: 'flash', mention: '<@&1>' }],
    ['flash ignores quiet hours', { now: MIDNIGHT }, { kind: 'send', priority: 'flash', mention: '<@&1>' }],
    ['flash past the cap folds into the digest', { postsLastHour: 3 }, { kind: 'digest', until: new Date('2026-03-01T12:15:00Z'), reason: 'cap' }],
    ['normal sends without a mention', { destination: 'news' }, { kind: 'send', priority: 'normal', mention: null }],
    ['normal waits out quiet hours', { destination: 'news', now: MIDNIGHT }, { kind: 'wait', until: new Date('2026-03-02T07:00:00Z') }],
    ['an unrouted destination drops', { destination: 'elsewhere' }, { kind: 'drop' }],
    ['an unrouted rule drops', { ruleId: 'r9', destination: 'news' }, { kind: 'drop' }],
    ['low goes to the next digest slot', { ruleId: 'r9', destination: 'digest' }, { kind: 'digest', until: new Date('2026-03-01T12:30:00Z'), reason: 'low' }],
    ['a due digest row goes in the digest', { ruleId: 'r9', destination: 'digest', kind: 'digest' }, { kind: 'in-digest' }],
    ['a due digest row waits out quiet hours', { ruleId: 'r9', destination: 'digest', kind: 'digest', now: MIDNIGHT }, { kind: 'wait', until: new Date('2026-03-02T07:00:00Z') }],
    ['below the cap sends', { ruleId: 'r3', destination: 'news', postsLastHour: 1 }, { kind: 'send', priority: 'normal', mention: null }],
    ['at the cap folds into the digest', { ruleId: 'r3', destination: 'news', postsLastHour: 2 }, { kind: 'digest', until: new Date('2026-03-01T12:10:00Z'), reason: 'cap' }],
    ['a story update edits, even past the cap and in quiet hours', { isUpdate: true, postsLastHour: 99, now: MIDNIGHT }, { kind: 'update', priority: 'flash' }],
    ['a story update to an unrouted destination drops', { isUpdate: true, destination: 'elsewhere' }, { kind: 'drop' }],
  ])('%s', (_name, overrides, expected) => {
    expect(routeDelivery(input(overrides), routes, '<@&1>')).toEqual(expected);
  });

  it('sends everything everywhere at normal priority when no routes are configured', () => {
    expect(routeDelivery(input({ destination: 'anything', now: MIDNIGHT }), [], '<@&1>')).toEqual({ kind: 'send', priority: 'normal', mention: null });
  });

  it('picks the highest-priority route, the first on a tie', () => {
    const a = route({ priority: 'low' });
    const b = route({ priority: 'normal', hourlyCap: 1 });
    const c = route({ priority: 'normal', hourlyCap: 2 });
    expect(findRoute([a, b, c], 'r', 'd')).toBe(b);
    expect(findRoute([a], 'r', 'd')).toBe(a);
  });
});

describe('quiet hours', () => {
  it.each([
    ['22:00-07:00 UTC at 23:30', NIGHT, '2026-03-01T23:30:00Z', '2026-03-02T07:00:00Z'],
    ['22:00-07:00 UTC at 06:59:30', NIGHT, '2026-03-02T06:59:30Z', '2026-03-02T07:00:00Z'],
    ['22:00-07:00 UTC at 07:00', NIGHT, '2026-03-02T07:00:00Z', null],
    ['22:00-07:00 UTC at noon', NIGHT, '2026-03-01T12:00:00Z', null],
    ['12:00-13:00 UTC at 12:30', { fromMinute: 720, toMinute: 780, timeZone: 'UTC' }, '2026-03-01T12:30:00Z', '2026-03-01T13:00:00Z'],
    ['22:00-07:00 Tokyo (UTC+9) at 14:00 UTC = 23:00 local', { ...NIGHT, timeZone: 'Asia/Tokyo' }, '2026-03-01T14:00:00Z', '2026-03-01T22:00:00Z'],
    ['22:00-07:00 New York in summer (UTC-4) at 03:00 UTC = 23:00 local', { ...NIGHT, timeZone: 'America/New_York' }, '2026-07-01T03:00:00Z', '2026-07-01T11:00:00Z'],
    ['an empty window is never quiet', { fromMinute: 60, toMinute: 60, timeZone: 'UTC' }, '2026-03-01T01:00:00Z', null],
  ])('%s', (_name, quiet, now, until) => {
    expect(quietUntil(new Date(now), quiet)).toEqual(until === null ? null : new Date(until));
  });

  it.each([
    ['22:00', 1320],
    ['7:05', 425],
    ['00:00', 0],
    ['24:00', null],
    ['22:60', null],
    ['10pm', null],
  ])('parseClockMinute(%j) is %j', (text, expected) => {
    expect(parseClockMinute(text)).toBe(expected);
  });

  it('puts digest slots on multiples of the period, strictly after now', () => {
    expect(nextDigestAt(new Date('2026-03-01T12:00:00Z'), 15 * MIN)).toEqual(new Date('2026-03-01T12:15:00Z'));
    expect(nextDigestAt(new Date('2026-03-01T12:14:59Z'), 15 * MIN)).toEqual(new Date('2026-03-01T12:15:00Z'));
  });
});

const alert = (overrides: Partial<Alert>): Alert => ({
  id: 1,
  ruleId: 'iraq-rocket',
  itemKey: 'k1',
  title: 'Rocket attack on base near Kirkuk',
  link: 'https://wire.example/kirkuk',
  source: 'Wire A',
  published: NOON,
  matched: [{ term: 'rocket attack', field: 'title', start: 0, end: 2 }],
  summary: 'A rocket attack hit a base near Kirkuk.',
  facts: { places: [{ name: 'Kirkuk', country: 'IQ' }], killed: 1, injured: null, when: '2026-03-01', attribution: null },
  storyId: 'st1',
  alsoReportedBy: [],
  priority: 'normal',
  ...overrides,
});

describe('story updates', () => {
  it('keeps the first alert, raises the tolls, adds places and the outlets that reported it', () => {
    const shown = alert({});
    const followUp = alert({
      id: 2,
      source: 'Wire B',
      title: 'Three killed in Kirkuk attack',
      facts: { places: [{ name: 'Kirkuk', country: 'IQ' }, { name: 'Baghdad', country: 'IQ' }], killed: 3, injured: 5, when: '2026-03-02', attribution: 'a militia' },
      matched: [{ term: 'Iraq', field: 'body', start: 3, end: 4 }],
      alsoReportedBy: ['Wire A', 'Wire C', 'Wire B'],
    });
    const edited = updatedStoryAlert(shown, followUp);
    expect(edited).toMatchObject({ id: 1, title: shown.title, link: shown.link, source: 'Wire A', alsoReportedBy: ['Wire C', 'Wire B'] });
    expect(edited.facts).toEqual({ places: [{ name: 'Kirkuk', country: 'IQ' }, { name: 'Baghdad', country: 'IQ' }], killed: 3, injured: 5, when: '2026-03-01', attribution: 'a militia' });
    expect(edited.matched.map((m) => m.term)).toEqual(['rocket attack', 'Iraq']);
    // A later, lower toll does not lower what the message shows.
    expect(updatedStoryAlert(edited, alert({ id: 3, source: 'Wire D', facts: { ...shown.facts!, killed: 2 } })).facts?.killed).toBe(3);
    expect(mergeFacts(null, null)).toBeNull();
  });

  it.each([
    [null, null],
    [{ killed: null, injured: null, newPlaces: [{ name: 'Mosul', country: 'IQ' }] }, null],
    [{ killed: { from: 1, to: 3 }, injured: null, newPlaces: [] }, 'Death toll rises to 3 (was 1). Reported by Wire B.'],
    [{ killed: { from: null, to: 2 }, injured: { from: 4, to: 9 }, newPlaces: [{ name: 'Mosul', country: 'IQ' }] }, 'Death toll rises to 2; 9 wounded (was 4). Also reported in Mosul. Reported by Wire B.'],
  ])('describeStoryUpdate(%j) is %j (material changes only)', (update, expected) => {
    expect(describeStoryUpdate(update, 'Wire B')).toBe(expected);
  });
});

describe('digest message', () => {
  it('lists each alert once with its source, counts them, and names why', () => {
    const alerts = [alert({ id: 5, title: 'One' }), alert({ id: 6, title: 'Two', source: 'Wire B', ruleId: 'r2', matched: [{ term: 'blast', field: 'title', start: 0, end: 1 }] })];
    const digest = buildDigestAlert(alerts, 'missed', NOON);
    expect(digest.title).toBe('Missed while this channel could not be reached: 2 alerts');
    expect(digest.summary).toBe('• One (Wire A)\n• Two (Wire B)');
    expect(digest).toMatchObject({ source: 'Wire A, Wire B', ruleId: 'iraq-rocket, r2', link: null, published: NOON });
    expect(digest.matched.map((m) => m.term)).toEqual(['rocket attack', 'blast']);
    expect(buildDigestAlert([alerts[0]!], 'digest', NOON)).toMatchObject({ title: 'Digest: 1 alert since the last one', link: 'https://wire.example/kirkuk' });
    const many = buildDigestAlert(Array.from({ length: 45 }, (_, i) => alert({ id: i, title: `T${i}` })), 'digest', NOON);
    expect(many.summary.split('\n')).toHaveLength(41);
    expect(many.summary.endsWith('• and 5 more')).toBe(true);
    expect(() => buildDigestAlert([], 'digest', NOON)).toThrow(/at least one/);
  });
});
