// A resume replays thousands of remembered items at once (restoreAll, indexes built at the end):
// the index must end exactly where replaying them one by one (restore) would have left it.
import { describe, expect, it } from 'vitest';
import { keyOrder } from '../../src/stories/key-order.ts';
import { createStoryIndex } from '../../src/stories/story-index.ts';
import type { StoryIndexOptions, StoryInput, StoryMember } from '../../src/stories/story-index.ts';
import { KIRKUK_FOLLOW_UP, WIRE_COPIES, at, explosion, item } from './story-fixtures.ts';

const CITIES = ['Lagos', 'Beirut', 'Accra', 'Nairobi', 'Dakar', 'Kano', 'Abuja', 'Tunis', 'Cairo', 'Algiers', 'Rabat', 'Tripoli'];

/** Copies, follow-ups, one template in many cities, and a boilerplate text repeated past an LSH bucket. */
function inputs(from: number): StoryInput[] {
  const list: StoryInput[] = [...WIRE_COPIES, KIRKUK_FOLLOW_UP];
  for (const [i, city] of CITIES.entries()) list.push(explosion(`x-${from}-${i}`, city, null, from + i / 10));
  for (let i = 0; i < 40; i++) {
    list.push(item({ key: `promo-${from}-${i}`, source: `Outlet ${i % 5}`, title: `Deal of the day ${i}`, body: 'Subscribe now to get unlimited access to all our journalism, newsletters and podcasts, with a free trial for the first month and no commitment.', published: at(from + i / 100) }));
  }
  return list.map((input) => ({ ...input, key: `${from}-${input.key}` }));
}

function rememberAll(options: StoryIndexOptions): StoryMember[] {
  const members: StoryMember[] = [];
  const index = createStoryIndex({ ...options, record: (m) => members.push(m) });
  for (const input of inputs(0)) index.assign(input);
  return members;
}

describe('restoreAll', () => {
  const settings: readonly StoryIndexOptions[] = [{}, { maxEntries: 30, maxComparedPerStory: 3 }];
  it.each(settings)('leaves the index as restore one by one does (%o)', (options) => {
    const members = rememberAll(options);
    const one = createStoryIndex(options);
    for (const member of members) one.restore(member);
    const all = createStoryIndex(options);
    all.restoreAll(members);
    expect(all.size).toBe(one.size);
    expect(all.entries).toBe(one.entries);
    // Later items land in the same stories, for the same reasons.
    for (const input of inputs(1)) expect(all.assign(input)).toEqual(one.assign(input));
  });

  it('sorts keys stably by radix', () => {
    const keys = Uint32Array.from([5, 0x3fffffff, 5, 0, 70_000, 5, 1 << 15]);
    expect([...keyOrder(keys)]).toEqual([3, 0, 2, 5, 6, 4, 1]);
  });
});
