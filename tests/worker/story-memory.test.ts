// Story memory in the store, on every dialect: a restarted worker (a new memory over the same
// database) recognises follow-ups as if it had never stopped; reposts are the same item; a guid
// shared by two articles keeps both; two workers assigning at once never start one story twice.
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src/domain/alert.ts';
import type { Item } from '../../src/domain/item.ts';
import type { Store } from '../../src/store/store.ts';
import { contentFingerprint } from '../../src/stories/content-fingerprint.ts';
import { findNewItems } from '../../src/worker/new-items.ts';
import { createStoryMemory, type PreparedItem, type StoryMemory } from '../../src/worker/story-memory.ts';
import { DIALECTS, POSTGRES_SKIP_REASON, POSTGRES_URL, useStores } from '../store/dialects.ts';
import { T0, at, batch, feedSource } from '../store/fixtures.ts';

const KIRKUK = { name: 'Kirkuk', country: 'IQ' };
const BODY =
  'A rocket attack on a military base in Kirkuk, Iraq, killed one contractor on Friday, officials said. ' +
  'Several rockets struck the base near the city airport late in the evening, and the coalition said an investigation was under way.';

function article(key: string, overrides: Partial<Item> = {}): Item {
  return {
    key,
    title: 'Contractor killed in rocket attack on military base in Kirkuk',
    body: BODY,
    link: `https://wire-a.example/${key}`,
    published: at(0),
    publishedEstimated: false,
    source: 'Wire A',
    ...overrides,
  };
}

function facts(killed: number | null): Facts {
  return { places: [KIRKUK], killed, injured: null, when: '2026-03-01', attribution: null };
}

function prepared(item: Item, options: { killed?: number | null; repostOf?: string | null; cluster?: boolean } = {}): PreparedItem {
  const cluster = options.cluster ?? true;
  return {
    item,
    fingerprint: contentFingerprint(item.title, item.body),
    matches: cluster ? [{ ruleId: 'iraq', matched: [{ term: 'rocket attack', field: 'title', start: 4, end: 6 }] }] : [],
    cluster,
    facts: cluster ? facts(options.killed ?? 1) : null,
    repostOf: options.repostOf ?? null,
  };
}

const silent = pino({ level: 'silent' });

function memoryOver(store: Store, log = silent): StoryMemory {
  return createStoryMemory({ store, log, now: () => at(60_000) });
}

async function save(memory: StoryMemory, feedId: string, items: readonly PreparedItem[]) {
  const saved = await memory.save(feedId, items, { destinations: ['console'], fetch: batch([]).fetch });
  return saved.flatMap((s) => s.alerts.map(() => s.item.key));
}

/** story id of each remembered item key, as the store holds it. */
async function storiesOf(store: Store): Promise<Map<string, string>> {
  const { members } = await store.resumeStories(at(-72 * 3_600_000), 1000);
  return new Map(members.map((m) => [m.key, m.storyId]));
}

for (const dialect of DIALECTS) {
  describe(`story memory (${dialect.name})`, () => {
    const stores = useStores(dialect);

    async function twoFeeds(): Promise<Store> {
      const store = stores.store();
      await store.syncFeeds([feedSource('a'), feedSource('b'), feedSource('c')], T0);
      return store;
    }

    it('resumes after a restart: a second outlet’s copy is a follow-up of the story alerted before', async () => {
      const store = await twoFeeds();
      expect(await save(memoryOver(store), 'a', [prepared(article('a1'))])).toEqual(['a1']);

      const restarted = memoryOver(await stores.open(stores.options()));
      const copy = article('b1', { source: 'Wire B', link: 'https://wire-b.example/b1', title: 'Rocket attack on Kirkuk military base kills contractor' });
      expect(await save(restarted, 'b', [prepared(copy)])).toEqual(['b1']); // a new outlet: material
      const stories = await storiesOf(store);
      expect(stories.get('b1')).toBe(stories.get('a1'));
      expect(restarted.size).toEqual({ stories: 1, entries: 2 });

      // The same as a worker that never stopped.
      const other = await stores.open(dialect.freshDatabase());
      await other.syncFeeds([feedSource('a'), feedSource('b')], T0);
      const never = memoryOver(other);
      await save(never, 'a', [prepared(article('a1'))]);
      await save(never, 'b', [prepared(copy)]);
      expect([...(await storiesOf(other)).values()]).toEqual([...stories.values()]);
    });

    it('posts nothing for the same outlet’s copy with nothing new, and alerts a higher toll', async () => {
      const store = await twoFeeds();
      const memory = memoryOver(store);
      await save(memory, 'a', [prepared(article('a1'))]);
      const again = article('a2', { link: 'https://wire-a.example/a2', body: `${BODY} Updated.` });
      expect(await save(memory, 'a', [prepared(again)])).toEqual([]);
      const higher = article('a3', { link: 'https://wire-a.example/a3', body: BODY.replace('killed one contractor', 'killed three people') });
      expect(await save(memory, 'a', [prepared(higher, { killed: 3 })])).toEqual(['a3']);
    });

    it('recognises reposts under a new guid: same text, or same link with a trivial edit', async () => {
      const store = await twoFeeds();
      const memory = memoryOver(store);
      await save(memory, 'a', [prepared(article('a1'))]);
      const since = at(-72 * 3_600_000);
      const sameText = article('a1-session-77', { link: 'https://wire-a.example/a1?session=77' });
      expect(await findNewItems(store, 'a', [sameText], since, silent)).toEqual([]);
      const typoFixed = article('a1-v2', { link: 'https://wire-a.example/a1', body: BODY.replace('contractor', 'contractor,') + ' Typo fixed.' });
      const [repost] = await findNewItems(store, 'a', [typoFixed], since, silent);
      const storyId = (await storiesOf(store)).get('a1');
      expect(repost?.repostOf).toBe(storyId);
      expect(await save(memory, 'a', [prepared(typoFixed, { repostOf: repost?.repostOf ?? null })])).toEqual([]);
      expect(await store.knownItems('a', ['a1-v2'])).toEqual(new Map()); // not stored: nothing new
      // The same link with a higher toll is news: stored, and alerted as an update of the story.
      const rising = article('a1-v3', { link: 'https://wire-a.example/a1', body: BODY.replace('killed one contractor', 'killed four people') });
      expect(await save(memory, 'a', [prepared(rising, { killed: 4, repostOf: storyId ?? null })])).toEqual(['a1-v3']);
      expect((await storiesOf(store)).get('a1-v3')).toBe(storyId);
      // Another feed's item with the same text is not a repost of this feed's.
      expect(await findNewItems(store, 'b', [sameText], since, silent)).toHaveLength(1);
    });

    it('keeps two different articles that share a guid, and logs the collision once', async () => {
      const store = await twoFeeds();
      const lines: string[] = [];
      const log = pino({ level: 'warn' }, new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString());
            done();
          },
        }));
      const memory = memoryOver(store, log);
      const since = at(-72 * 3_600_000);
      const first = article('guid:1');
      const second = article('guid:1', { title: 'Museum reopens after restoration', body: 'The city museum reopened on Saturday after two years of restoration work.', link: 'https://wire-a.example/museum' });
      for (const round of [1, 2]) {
        const fresh = await findNewItems(store, 'a', round === 1 ? [first] : [first, second], since, log);
        await memory.save('a', fresh.map((f) => prepared(f.item, { repostOf: f.repostOf })), { destinations: ['console'], fetch: batch([]).fetch });
      }
      const keys = [...(await storiesOf(store)).keys()];
      expect(keys).toHaveLength(2);
      expect(keys[0]).toBe('guid:1');
      expect(keys[1]).toMatch(/^guid:1#/);
      // Polled again: nothing new, no second warning.
      expect(await findNewItems(store, 'a', [first, second], since, log)).toEqual([]);
      expect(lines.filter((l) => l.includes('share one guid'))).toHaveLength(1);
      // Both in one document at once are kept too.
      const both = await findNewItems(store, 'c', [first, second], since, log);
      expect(both.map((f) => f.item.key)).toEqual(['guid:1', expect.stringMatching(/^guid:1#/)]);
    });

    // SQLite serves one worker (a second connection in the same process would wait on itself).
    it.skipIf(dialect.name === 'sqlite')('two workers assigning copies of one incident at once start one story, never two', async () => {
      for (let round = 0; round < 8; round++) {
        const options = dialect.freshDatabase(); // each round a new incident on a new database
        const store = await stores.open(options);
        await store.syncFeeds([feedSource('a'), feedSource('b')], T0);
        const one = memoryOver(await stores.open(options));
        const two = memoryOver(await stores.open(options));
        const place = `round ${round}`;
        const a = article(`a-${round}`, { title: `${place}: contractor killed in rocket attack on military base in Kirkuk` });
        const b = article(`b-${round}`, { source: 'Wire B', link: `https://wire-b.example/${round}`, title: `${place}: rocket attack on Kirkuk base kills contractor` });
        const [fromA, fromB] = await Promise.all([save(one, 'a', [prepared(a)]), save(two, 'b', [prepared(b)])]);
        expect([...fromA, ...fromB].sort()).toEqual([a.key, b.key].sort()); // one post, one follow-up (new outlet)
        const stories = await storiesOf(store);
        expect(stories.get(a.key)).toBe(stories.get(b.key));
      }
    });

    it('a baseline item is remembered as seen but starts no story', async () => {
      const store = await twoFeeds();
      const memory = memoryOver(store);
      expect(await save(memory, 'a', [prepared(article('old'), { cluster: false })])).toEqual([]);
      expect(await store.knownItems('a', ['old'])).toEqual(new Map([['old', { link: 'https://wire-a.example/old', fingerprint: contentFingerprint(article('old').title, BODY) }]]));
      expect(await storiesOf(store)).toEqual(new Map());
      // Its repost under a new guid is history too.
      expect(await findNewItems(store, 'a', [article('old-2')], at(-72 * 3_600_000), silent)).toEqual([]);
    });
  });
}

if (POSTGRES_URL === null) {
  describe.skip(POSTGRES_SKIP_REASON, () => {
    it('story memory (postgres)', () => undefined);
  });
}
