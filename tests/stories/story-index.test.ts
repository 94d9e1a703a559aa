import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStoryIndex } from '../../src/stories/story-index.ts';
import type { StoryAssignment, StoryInput } from '../../src/stories/story-index.ts';
import {
  BAGHDAD_ATTACK,
  BEIRUT,
  KIRKUK,
  KIRKUK_FOLLOW_UP,
  LAGOS,
  WIRE_BODY,
  WIRE_COPIES,
  at,
  explosion,
  facts,
  item,
} from './story-fixtures.ts';

function assignAll(inputs: readonly StoryInput[], options = {}): StoryAssignment[] {
  const index = createStoryIndex(options);
  return inputs.map((input) => index.assign(input));
}

describe('createStoryIndex: copies of one wire story', () => {
  it('gives every re-edited copy the first item story id and names the copy it duplicates', () => {
    const results = assignAll(WIRE_COPIES);
    const [first, ...copies] = results;
    expect(first?.isNew).toBe(true);
    expect(first?.storyId).toMatch(/^s_[0-9a-f]{16}$/);
    for (const copy of copies) {
      expect(copy.storyId).toBe(first?.storyId);
      expect(copy.isNew).toBe(false);
      expect(copy.reason.kind).toBe('duplicate');
      expect(copy.duplicateOf).not.toBeNull();
    }
    expect(results.at(-1)?.sources).toEqual(['Wire', 'Daily Herald', 'Evening Times', 'Morning Post']);
  });

  it('recognises a copy without facts too (facts are a gate, not a requirement)', () => {
    const withoutFacts = WIRE_COPIES.map((c) => ({ ...c, facts: null }));
    const ids = new Set(assignAll(withoutFacts).map((r) => r.storyId));
    expect(ids.size).toBe(1);
  });

  it('answers a repeated item with its story and no update', () => {
    const index = createStoryIndex();
    const first = index.assign(WIRE_COPIES[0] as StoryInput);
    const again = index.assign(WIRE_COPIES[0] as StoryInput);
    expect(again).toMatchObject({ storyId: first.storyId, isNew: false, update: null, reason: { kind: 'repeat' } });
    expect(index.entries).toBe(1);
  });
});

describe('createStoryIndex: follow-ups and different events', () => {
  it('joins a reworded follow-up with a higher toll and marks it as an update', () => {
    const [first, follow] = assignAll([WIRE_COPIES[0] as StoryInput, KIRKUK_FOLLOW_UP]);
    expect(follow?.storyId).toBe(first?.storyId);
    expect(follow?.reason).toMatchObject({ kind: 'same-event', places: 'shared-place' });
    expect(follow?.duplicateOf).toBeNull();
    expect(follow?.update).toEqual({ killed: { from: 1, to: 3 }, injured: null, newPlaces: [] });
  });

  it('joins a headline-only item (an empty feed description) by its headline', () => {
    const headline = item({
      key: 'tg-1',
      source: 'Telegraph',
      title: 'Kirkuk rocket attack toll rises as coalition blames militias',
      published: at(6),
      facts: facts([KIRKUK], 2, '2019-12-27'),
    });
    const [first, second] = assignAll([KIRKUK_FOLLOW_UP, headline]);
    expect(second?.storyId).toBe(first?.storyId);
    expect(second?.reason.kind).toBe('same-event');
  });

  it('does not join on a shared place alone when the texts say different things', () => {
    const other = item({
      key: 'k-2',
      source: 'Local',
      title: 'Kirkuk football club promoted after cup final win',
      body: 'Supporters celebrated in the streets of Kirkuk on Saturday after the club won promotion to the Iraqi premier league.',
      published: at(20),
      facts: facts([KIRKUK], null, '2019-12-28'),
    });
    const [first, second] = assignAll([WIRE_COPIES[0] as StoryInput, other]);
    expect(second?.storyId).not.toBe(first?.storyId);
  });

  it('reports a new place as an update, but not a country the story already has', () => {
    const index = createStoryIndex();
    index.assign(KIRKUK_FOLLOW_UP);
    const hawija = { name: 'Hawija', country: 'IQ' };
    const next = index.assign({
      ...KIRKUK_FOLLOW_UP,
      key: 'wire-9',
      source: 'Other',
      published: at(22),
      facts: facts([KIRKUK, hawija, { name: 'Iraq', country: 'IQ' }], 3, '2019-12-27'),
    });
    expect(next.update).toEqual({ killed: null, injured: null, newPlaces: [hawija] });
  });

  it('keeps a lower or equal toll from being an update', () => {
    const [, follow] = assignAll([KIRKUK_FOLLOW_UP, { ...WIRE_COPIES[0], published: at(21) } as StoryInput]);
    expect(follow?.storyId).toBeDefined();
    expect(follow?.update).toBeNull();
  });

  const distinct: ReadonlyArray<readonly [string, StoryInput, StoryInput]> = [
    ['rocket attacks in Kirkuk and Baghdad two days apart', WIRE_COPIES[0] as StoryInput, BAGHDAD_ATTACK],
    ['explosions in Lagos and Beirut (with places)', explosion('e1', 'Lagos', LAGOS, 0), explosion('e2', 'Beirut', BEIRUT, 2)],
    ['explosions in Lagos and Beirut (no facts)', explosion('e1', 'Lagos', null, 0), explosion('e2', 'Beirut', null, 2)],
    [
      'same text template, other city in one country',
      explosion('e1', 'Kirkuk', KIRKUK, 0),
      explosion('e2', 'Baghdad', { name: 'Baghdad', country: 'IQ' }, 1),
    ],
  ];
  it.each(distinct)('keeps apart: %s', (_name, a, b) => {
    const [first, second] = assignAll([a, b]);
    expect(second?.isNew).toBe(true);
    expect(second?.storyId).not.toBe(first?.storyId);
  });

  it('keeps apart look-alike headlines naming different actors ("EU …" against "US …")', () => {
    const russia = facts([{ name: 'Russia', country: 'RU' }]);
    const [first, second] = assignAll([
      item({ key: 'g-1', source: 'A', title: 'EU proposes new sanctions including ban on Russian coal', facts: russia }),
      item({ key: 'f-1', source: 'B', title: 'US announces new sanctions including ban on Russian investment', facts: russia }),
    ]);
    expect(second?.storyId).not.toBe(first?.storyId);
  });

  // One headline names the countries one way, the other another: the same three countries.
  const pact = (key: string, title: string): StoryInput => item({ key, source: key, title });
  const countrySpellings: ReadonlyArray<readonly [string, string, string]> = [
    ['UK / Britain', 'Hypersonic missile pact agreed by UK, Australia and US', 'Hypersonic missile pact agreed by U.S., Britain and Australia'],
    ['United Kingdom / UK', 'Hypersonic missile pact agreed by United Kingdom and Australia', 'Hypersonic missile pact agreed by Australia and UK'],
    ['United States / America', 'Hypersonic missile pact agreed by United States and Australia', 'Hypersonic missile pact agreed by Australia and America'],
  ];
  it.each(countrySpellings)('joins headlines naming a country two ways: %s', (_name, a, b) => {
    const [first, second] = assignAll([pact('p-1', a), pact('p-2', b)]);
    expect(second?.storyId).toBe(first?.storyId);
    expect(second?.reason.kind).toBe('same-event');
  });

  it('still keeps apart the same headline naming two different countries', () => {
    const [first, second] = assignAll([
      pact('p-1', 'Hypersonic missile pact agreed by UK and Australia'),
      pact('p-2', 'Hypersonic missile pact agreed by France and Australia'),
    ]);
    expect(second?.storyId).not.toBe(first?.storyId);
  });

  it('keeps apart events whose dates are days apart, even in the same words', () => {
    const a = explosion('e1', 'Lagos', LAGOS, 0);
    const b = { ...explosion('e2', 'Lagos', LAGOS, 60), facts: facts([LAGOS], 5, '2019-12-29') };
    const [first, second] = assignAll([a, b]);
    expect(second?.storyId).not.toBe(first?.storyId);
  });

  it('does not let a date the report only recalls (weeks before it) keep apart reports of one event', () => {
    // One outlet dates the event by the day it recalls ("the breach of 10 December"), the other by today.
    const a = { ...explosion('r1', 'Lagos', LAGOS, 0), facts: facts([LAGOS], 5, '2019-11-10') };
    const b = { ...explosion('r2', 'Lagos', LAGOS, 2), source: 'Other Desk' };
    const [first, second] = assignAll([a, b]);
    expect(second?.storyId).toBe(first?.storyId);
  });
});

describe('createStoryIndex: time window and memory', () => {
  it('starts a new story for the same text published after the window', () => {
    const a = WIRE_COPIES[0] as StoryInput;
    const [first, late] = assignAll([a, { ...a, key: 'late', published: at(73) }], { windowHours: 72 });
    expect(late?.isNew).toBe(true);
    expect(late?.storyId).not.toBe(first?.storyId);
  });

  it('expire(now) forgets stories idle for longer than the window', () => {
    const index = createStoryIndex({ windowHours: 72 });
    index.assign(WIRE_COPIES[0] as StoryInput);
    const lagos = index.assign(explosion('e1', 'Lagos', LAGOS, 48));
    index.expire(at(72.5));
    expect(index.size).toBe(1);
    expect(index.describe(lagos.storyId)).not.toBeNull();
    index.expire(at(121));
    expect(index.size).toBe(0);
    expect(index.entries).toBe(0);
    const again = index.assign({ ...(WIRE_COPIES[1] as StoryInput), published: at(121) });
    expect(again.isNew).toBe(true);
  });

  const HEADLINES = [
    'Flooding closes motorway near Leeds',
    'Central bank raises interest rates',
    'Striker signs record contract',
    'Wildfire forces evacuation of villages',
    'Parliament passes budget vote',
    'Ferry runs aground off Crete',
    'Chipmaker reports record profits',
    'Museum returns looted bronzes',
  ];

  it('keeps at most maxEntries items, dropping the least recently updated stories', () => {
    const index = createStoryIndex({ maxEntries: 5 });
    const ids = HEADLINES.map((title, i) => {
      const result = index.assign(item({ key: `k${i}`, title, published: at(i) }));
      expect(index.entries).toBeLessThanOrEqual(5);
      return result.storyId;
    });
    expect(new Set(ids).size).toBe(HEADLINES.length);
    expect(index.size).toBe(5);
    expect(index.describe(ids[0] ?? '')).toBeNull();
    expect(index.describe(ids.at(-1) ?? '')).not.toBeNull();
  });

  it('holds the cap even when one story outgrows it', () => {
    const index = createStoryIndex({ maxEntries: 3 });
    const results = WIRE_COPIES.map((c) => index.assign(c));
    expect(new Set(results.map((r) => r.storyId)).size).toBe(1);
    expect(index.entries).toBe(3);
    expect(index.describe(results[0]?.storyId ?? '')?.itemCount).toBe(WIRE_COPIES.length);
  });

  it('describes a story: sources, toll, places, time span', () => {
    const index = createStoryIndex();
    const results = [...WIRE_COPIES, KIRKUK_FOLLOW_UP].map((i) => index.assign(i));
    const snapshot = index.describe(results[0]?.storyId ?? '');
    expect(snapshot).toMatchObject({ itemCount: 5, killed: 3, injured: null, firstPublished: at(0), lastPublished: at(20) });
    expect(snapshot?.places).toContainEqual(KIRKUK);
    expect(snapshot?.sources).toContain('Gazette');
  });
});

describe('createStoryIndex: ids', () => {
  it('derives ids from the first item key, the same in every run', () => {
    const a = assignAll([...WIRE_COPIES, BAGHDAD_ATTACK]);
    const b = assignAll([...WIRE_COPIES, BAGHDAD_ATTACK]);
    expect(b).toEqual(a);
    const alone = assignAll([BAGHDAD_ATTACK]);
    expect(alone[0]?.storyId).toBe(a.at(-1)?.storyId);
  });

  it('assigns the same ids for the same input order (property)', () => {
    const pool = [...WIRE_COPIES, KIRKUK_FOLLOW_UP, BAGHDAD_ATTACK, explosion('e1', 'Lagos', LAGOS, 0)];
    const sequence = fc.array(
      fc.record({ pick: fc.nat({ max: pool.length - 1 }), hours: fc.integer({ min: 0, max: 200 }) }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(sequence, (picks) => {
        const inputs = picks.map(({ pick, hours }, i) => ({
          ...(pool[pick] as StoryInput),
          key: `${pool[pick]?.key ?? ''}#${i}`,
          published: at(hours),
        }));
        const first = assignAll(inputs);
        expect(assignAll(inputs)).toEqual(first);
        // A story id is either new here or one handed out before.
        const seen = new Set<string>();
        for (const result of first) {
          expect(result.isNew).toBe(!seen.has(result.storyId));
          seen.add(result.storyId);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives distinct stories distinct ids even when their first items share a key', () => {
    const [first, second] = assignAll([
      item({ key: 'same', source: 'A', title: 'Flooding closes motorway in Leeds', body: WIRE_BODY.slice(0, 10) }),
      item({ key: 'same', source: 'B', title: 'Central bank raises interest rates again' }),
    ]);
    expect(second?.isNew).toBe(true);
    expect(second?.storyId).not.toBe(first?.storyId);
  });

  it('rejects an invalid date as a bug in the caller', () => {
    const index = createStoryIndex();
    expect(() => index.assign(item({ key: 'x', title: 't', published: new Date(Number.NaN) }))).toThrow(
      /stories\/story-index/,
    );
  });
});
