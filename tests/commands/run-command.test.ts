// Every subcommand, its permission check and its error paths, from the text a user types to the
// reply and the database, against a real store (SQLite; Postgres too when configured).
import { beforeEach, describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/commands/command-input.ts';
import type { CommandContext, CommandDeps } from '../../src/commands/command-deps.ts';
import type { Reply } from '../../src/commands/reply.ts';
import { NO_PERMISSION, runCommand } from '../../src/commands/run-command.ts';
import type { FetchResult } from '../../src/feeds/fetch/fetch-types.ts';
import { DIALECTS } from '../store/dialects.ts';
import { alert } from '../store/fixtures.ts';
import { DAY, HOUR, NOW, context, news, useCommandStore } from './command-harness.ts';
import type { Harness } from './command-harness.ts';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Chat Feed</title><item><title>One</title><guid>1</guid></item></channel></rss>';
const okFetch = (body: string, contentType = 'application/rss+xml'): FetchResult => ({
  kind: 'ok',
  body: Buffer.from(body),
  contentType,
  validators: { etag: null, lastModified: null },
  finalUrl: 'https://feeds.example/chat.xml',
  maxAgeSeconds: null,
});

async function run(h: Harness, text: string, ctx: Partial<CommandContext> = {}, deps: Partial<CommandDeps> = {}): Promise<Reply> {
  const parsed = parseCommandText(text);
  if (parsed.kind === 'invalid') throw new Error(`test: ${text} does not parse: ${parsed.reason}`);
  return runCommand(parsed.command, context(ctx), h.deps(deps));
}

/** The reply as one string: title, lines, fields and items, for contains-checks. */
function text(r: Reply): string {
  return [r.title, ...r.lines, ...r.fields.map((f) => `${f.name}: ${f.value}`), ...r.items.map((i) => `${i.title} | ${i.source} | ${i.link ?? ''}`)].join('\n');
}

for (const dialect of DIALECTS) {
  describe(`commands (${dialect.name})`, () => {
    const h = useCommandStore(dialect);

    beforeEach(async () => {
      await h.settings().seedFromConfig(
        {
          rules: [
            { id: 'iraq', query: '"rocket attack" AND Iraq' },
            { id: 'blast', query: 'explosion OR blast' },
          ],
          feeds: [{ id: 'world', url: 'https://news.example/world.xml', title: 'World', intervalSeconds: null, backfill: 0 }],
        },
        NOW,
      );
      await h.save('world', [{ item: news('old', 'Explosion at Lagos market', 'An explosion tore through a market.', 240), alerts: [alert('blast')] }], new Date(NOW.getTime() - 10 * DAY));
      await h.save('world', [{ item: news('a2', 'Rockets attacked the U.S. embassy', "Rockets attacked the compound in Baghdad, Iraq's capital.", 30), alerts: [alert('iraq')] }], new Date(NOW.getTime() - 30 * HOUR));
      await h.save('world', [
        { item: news('a1', 'Rocket attack near Kirkuk', 'A rocket attack hit a base in northern Iraq on Monday.', 2, { link: 'https://news.example/a1' }), alerts: [alert('iraq')] },
        { item: news('w', 'Weather in Iraq', 'Sunny and mild across the country.', 1), alerts: [] },
      ], new Date(NOW.getTime() - HOUR));
    });

    describe('replies', () => {
      it.each<[string, string, { error?: boolean; ephemeral?: boolean; has?: string[]; hasNot?: string[]; items?: string[] }]>([
        ['help', 'help', { ephemeral: true, has: ['search <query>', 'subscribe <rule>'] }],
        ['search: phrase with inflections, newest first', 'search "rocket attack" Iraq', { items: ['Rocket attack near Kirkuk', 'Rockets attacked the U.S. embassy'] }],
        ['search: abbreviations and possessives', 'search =US title:embassy', { items: ['Rockets attacked the U.S. embassy'] }],
        ['search: older than 7 days still found', 'search explosion', { items: ['Explosion at Lagos market'] }],
        ['search: NOT-only alternatives scan everything', 'search weather OR -rocket', { items: ['Weather in Iraq', 'Explosion at Lagos market'] }],
        ['search: nothing', 'search tsunami', { items: [], has: ['Nothing stored matches tsunami.'] }],
        ['search: parse error', 'search rocket AND', { error: true, ephemeral: true, has: ['column 11: unexpected end of query', 'expected a term after AND'] }],
        ['search: precedence error', 'search a AND b OR c', { error: true, has: ['(a AND b) OR c'] }],
        ['search: wildcard alone', 'search roc*', { error: true, has: ['Search: invalid query'] }],
        ['search: too long', `search ${'x '.repeat(1001)}`, { error: true, has: ['at most 2000 characters'] }],
        ['rules test: last 7 days only', 'rules test explosion', { ephemeral: true, items: [], has: ['Would have matched 0 items of the last 7 days'] }],
        ['rules test: counts and shows', 'rules test rocket* Iraq', { items: ['Rocket attack near Kirkuk', 'Rockets attacked the U.S. embassy'], has: ['Would have matched 2 items'] }],
        ['rules test: parse error', 'rules test "unclosed', { error: true, has: ['unclosed quote'] }],
        ['recent: last 24h by default', 'recent', { items: ['Rocket attack near Kirkuk'], has: ['Recent alerts in the last 24h'] }],
        ['recent: rule and since', 'recent iraq 2d', { items: ['Rocket attack near Kirkuk', 'Rockets attacked the U.S. embassy'] }],
        ['recent: since only', 'recent 30d', { items: ['Rocket attack near Kirkuk', 'Rockets attacked the U.S. embassy', 'Explosion at Lagos market'] }],
        ['recent: other rule', 'recent blast', { items: [], has: ['No alerts for blast in the last 24h.'] }],
        ['recent: bad duration', 'recent iraq soon', { error: true, has: ['"soon" is not a duration'] }],
        ['recent: too far back', 'recent iraq 90d', { error: true, has: ['at most 30 days'] }],
        ['recent: bad rule id', 'recent no/such 1h', { error: true, has: ['is not a rule id'] }],
        ['rules list', 'rules list', { ephemeral: true, has: ['Rules (2)', 'iraq: "rocket attack" AND Iraq (from config)', 'blast: explosion OR blast'] }],
        ['feeds list', 'feeds list', { ephemeral: true, has: ['Feeds (1)', 'world: https://news.example/world.xml (World) [config]'] }],
        ['feeds status', 'feeds status', { ephemeral: true, has: ['• world: ok; last success 60 min ago; next poll due now'] }],
        ['status', 'status', { has: ['Feeds: 1 healthy, 0 failing', 'Alerts today (UTC): 1', 'Outbox: 3 pending, 0 failed', 'Rules: 2', 'Version: 9.9.9-test'] }],
      ])('%s', async (_name, input, expected) => {
        const r = await run(h, input);
        expect(r.error, text(r)).toBe(expected.error ?? false);
        if (expected.ephemeral !== undefined) expect(r.ephemeral).toBe(expected.ephemeral);
        for (const part of expected.has ?? []) expect(text(r)).toContain(part);
        if (expected.items !== undefined) expect(r.items.map((i) => i.title)).toEqual(expected.items);
      });

      it('search results carry time, source, link and highlights', async () => {
        const r = await run(h, 'search "rocket attack" Iraq');
        const first = r.items[0];
        expect(first).toMatchObject({ title: 'Rocket attack near Kirkuk', source: 'Example News', link: 'https://news.example/a1', time: new Date(NOW.getTime() - 2 * HOUR) });
        expect(first?.snippet.filter((s) => s.highlight).map((s) => s.text)).toEqual(['Rocket attack', 'rocket attack', 'Iraq']);
        expect(first?.snippet.map((s) => s.text).join('')).toBe('Rocket attack near Kirkuk — A rocket attack hit a base in northern Iraq on Monday.');
      });

      it('finds items stored after the index was last caught up', async () => {
        expect((await run(h, 'search kirkuk')).items).toHaveLength(1);
        await h.save('world', [news('k2', 'Kirkuk curfew', 'A curfew in Kirkuk.', 0.5)]);
        expect((await run(h, 'search kirkuk')).items.map((i) => i.title)).toEqual(['Kirkuk curfew', 'Rocket attack near Kirkuk']);
      });
    });

    describe('changes', () => {
      const db = () => h.settings();

      it('rules add / remove, with the spec\'s errors', async () => {
        expect(await run(h, 'rules add kirkuk kirkuk NEAR/3 (rocket OR mortar)')).toMatchObject({ error: false, ephemeral: true, title: 'Rule kirkuk added' });
        expect((await db().loadActiveRules()).find((r) => r.id === 'kirkuk')).toEqual({ id: 'kirkuk', query: 'kirkuk NEAR/3 (rocket OR mortar)', origin: 'chat' });
        expect(text(await run(h, 'rules add kirkuk other'))).toContain('a rule "kirkuk" exists already');
        expect(text(await run(h, 'rules add bad rocket AND'))).toContain('rule "bad", column 11: unexpected end of query — expected a term after AND');
        expect(text(await run(h, 'rules add -x rocket'))).toContain('"-x" is not a rule id');
        expect(text(await run(h, `rules add ${'r'.repeat(65)} rocket`))).toContain('at most 64 characters');
        expect(text(await run(h, `rules add long ${'x '.repeat(1001)}`))).toContain('at most 2000 characters');
        expect(await run(h, 'rules remove iraq')).toMatchObject({ error: false, title: 'Rule iraq removed' });
        expect(text(await run(h, 'rules remove iraq'))).toContain('there is no rule "iraq"');
        expect((await db().loadActiveRules()).map((r) => r.id)).toEqual(['blast', 'kirkuk']);
      });

      it('feeds add: accepted after a test fetch that parses', async () => {
        const fetched: string[] = [];
        const testFetch = (url: string): Promise<FetchResult> => (fetched.push(url), Promise.resolve(okFetch(RSS)));
        const r = await run(h, 'feeds add <https://feeds.example/chat.xml>', {}, { testFetch });
        expect(r).toMatchObject({ error: false, ephemeral: true, title: 'Feed added: Chat Feed' });
        expect(fetched).toEqual(['https://feeds.example/chat.xml']);
        expect((await db().loadActiveFeeds(120)).map((f) => [f.url, f.origin, f.intervalSeconds])).toContainEqual(['https://feeds.example/chat.xml', 'chat', 120]);
        expect(text(await run(h, 'feeds add https://feeds.example/chat.xml', {}, { testFetch }))).toContain('is watched already');
        expect(fetched).toHaveLength(1);
      });

      it.each<[string, string, FetchResult | null, string]>([
        ['not a URL', 'feeds add notaurl', null, '"notaurl" is not a URL'],
        ['ftp', 'feeds add ftp://feeds.example/x', null, 'only http and https'],
        ['too long', `feeds add https://x.example/${'a'.repeat(2048)}`, null, 'at most 2048 characters'],
        ['refused by the guard', 'feeds add http://127.0.0.1/feed', { kind: 'failed', reason: 'refused 127.0.0.1: 127.0.0.1 is a loopback address' }, 'fetching http://127.0.0.1/feed failed: refused 127.0.0.1: 127.0.0.1 is a loopback address'],
        ['HTTP error', 'feeds add https://feeds.example/gone', { kind: 'http-error', status: 404, retryAfterSeconds: null, reason: 'HTTP 404 Not Found' }, 'failed: HTTP 404 Not Found'],
        ['HTML page', 'feeds add https://feeds.example/', okFetch('<!doctype html><html><body>hi</body></html>', 'text/html'), 'https://feeds.example/ is not a feed (looks like an HTML page), it links no feed, and none of /feed'],
      ])('feeds add refused: %s', async (_name, input, result, why) => {
        const before = await db().changeVersion();
        const r = await run(h, input, {}, { testFetch: () => (result === null ? Promise.reject(new Error('test: must not fetch')) : Promise.resolve(result)) });
        expect(r).toMatchObject({ error: true, ephemeral: true, title: 'Feed not added' });
        expect(text(r)).toContain(why);
        expect(await db().changeVersion()).toBe(before);
      });

      it('feeds remove by id or URL, and feeds status shows failures', async () => {
        await h.store().recordFeedFailure('world', { at: new Date(NOW.getTime() - 5 * 60_000), error: 'HTTP 503 Service Unavailable', nextAttemptAt: new Date(NOW.getTime() + 10 * 60_000) });
        expect(text(await run(h, 'feeds status'))).toContain('• world: FAILING (1×): HTTP 503 Service Unavailable; last success 60 min ago; last error 5 min ago; next poll in 10 min');
        expect(text(await run(h, 'status'))).toContain('Feeds: 0 healthy, 1 failing');
        expect(text(await run(h, 'feeds remove world'))).toContain('https://news.example/world.xml is no longer polled');
        expect(text(await run(h, 'feeds remove https://news.example/world.xml'))).toContain('no feed has the URL or id');
        expect(await db().loadActiveFeeds(60)).toEqual([]);
      });

      it('mute / unmute', async () => {
        expect(await run(h, 'mute iraq 2h')).toMatchObject({ error: false, title: 'Rule iraq muted', lines: ['No alerts from iraq until 2026-03-10 14:00 UTC. Undo with: unmute iraq'] });
        expect(await db().activeMutes(NOW)).toEqual(new Map([['iraq', new Date(NOW.getTime() + 2 * HOUR)]]));
        expect(text(await run(h, 'rules list'))).toContain('(from config, muted until 2026-03-10 14:00 UTC)');
        expect(text(await run(h, 'unmute iraq'))).toContain('Alerts from iraq go out again.');
        expect(text(await run(h, 'unmute iraq'))).toContain('rule "iraq" is not muted');
        expect(text(await run(h, 'mute iraq 10s'))).toContain('from 1 minute (1m) to 30 days (30d)');
        expect(text(await run(h, 'mute iraq 31d'))).toContain('from 1 minute (1m) to 30 days (30d)');
        expect(text(await run(h, 'mute iraq later'))).toContain('"later" is not a duration');
        expect(text(await run(h, 'mute nope 1h'))).toContain('there is no rule "nope"');
      });

      it('subscribe / unsubscribe route the rule to the current channel', async () => {
        expect(await run(h, 'subscribe iraq flash')).toMatchObject({ error: false, lines: ['Alerts from iraq now go to this channel (flash).'] });
        expect(text(await run(h, 'subscribe iraq', { channel: { platform: 'slack', id: 'C0123ABC' } }))).toContain('now go to this channel (normal)');
        expect(text(await run(h, 'subscribe iraq low'))).toContain('already went to this channel; priority updated');
        expect(await db().listRoutes()).toEqual([
          { ruleId: 'iraq', destination: 'discord:222222222222222222', priority: 'low' },
          { ruleId: 'iraq', destination: 'slack:C0123ABC', priority: 'normal' },
        ]);
        expect(text(await run(h, 'subscribe iraq urgent'))).toContain('priority is one of flash, normal, low');
        expect(text(await run(h, 'subscribe nope'))).toContain('there is no rule "nope"');
        expect(text(await run(h, 'subscribe iraq', { channel: null }))).toContain('subscribe from the channel');
        expect(text(await run(h, 'unsubscribe iraq'))).toContain('no longer come to this channel');
        expect(text(await run(h, 'unsubscribe iraq'))).toContain('this channel is not subscribed to "iraq"');
        expect(text(await run(h, 'unsubscribe iraq', { channel: null }))).toContain('unsubscribe from the channel');
        expect(await db().listRoutes()).toEqual([{ ruleId: 'iraq', destination: 'slack:C0123ABC', priority: 'normal' }]);
      });

      it.each([
        'rules add x rocket',
        'rules remove iraq',
        'feeds add https://feeds.example/x.xml',
        'feeds remove world',
        'mute iraq 1h',
        'unmute iraq',
        'subscribe iraq',
        'unsubscribe iraq',
      ])('"%s" needs canManage and changes nothing without it', async (input) => {
        const before = await db().changeVersion();
        const r = await run(h, input, { canManage: false }, { testFetch: () => Promise.reject(new Error('test: must not fetch')) });
        expect(r).toMatchObject({ error: true, ephemeral: true, title: 'Not allowed', lines: [NO_PERMISSION] });
        expect(await db().changeVersion()).toBe(before);
      });

      it.each(['search rocket', 'recent', 'rules list', 'rules test rocket', 'feeds list', 'feeds status', 'status', 'help'])('"%s" is open to everyone', async (input) => {
        expect((await run(h, input, { canManage: false })).error).toBe(false);
      });
    });
  });
}
