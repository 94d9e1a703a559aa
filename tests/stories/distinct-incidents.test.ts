// Many incidents told in one headline template must stay many stories (a wrong merge hides an
// incident), while a real follow-up still joins. Facts come from summarize/ as in the pipeline.
import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/geo/gazetteer.ts';
import { createStoryIndex } from '../../src/stories/story-index.ts';
import type { StoryAssignment, StoryInput } from '../../src/stories/story-index.ts';
import { extractFacts } from '../../src/summarize/extract-facts.ts';

const CITIES = [
  'Lagos', 'Beirut', 'Karachi', 'Dhaka', 'Nairobi', 'Lima', 'Bogota', 'Manila', 'Jakarta', 'Cairo',
  'Kabul', 'Baghdad', 'Tehran', 'Mogadishu', 'Khartoum', 'Kinshasa', 'Accra', 'Dakar', 'Caracas', 'Quito',
  'Hanoi', 'Bangkok', 'Yangon', 'Colombo', 'Kathmandu', 'Tashkent', 'Tbilisi', 'Algiers', 'Tunis', 'Amman',
] as const;

/** Tuesday 2022-04-05, 08:00 UTC, plus minutes. */
function minutes(m: number): Date {
  return new Date(Date.UTC(2022, 3, 5, 8) + m * 60_000);
}

type Facts = 'facts' | 'no facts';

function report(key: string, title: string, body: string, published: Date, withFacts: Facts): StoryInput {
  const facts = withFacts === 'facts' ? extractFacts({ title, body, published }, loadGazetteer()) : null;
  return { key, source: `Desk ${key}`, title, body, published, facts };
}

type Casing = 'sentence case' | 'Title Case';

/** One incident per city, five minutes apart, every headline and lead in the same words. */
function incident(city: string, i: number, withFacts: Facts, casing: Casing = 'sentence case'): StoryInput {
  const killed = 3 + (i % 7);
  return report(
    `incident-${i}`,
    casing === 'Title Case' ? `Explosion At ${city} Market Kills ${killed}` : `Explosion at ${city} market kills ${killed}`,
    `An explosion tore through a crowded market in ${city} on Tuesday, killing ${killed} people and wounding dozens, police said. ` +
      'Witnesses described a loud blast followed by thick smoke as traders and shoppers fled. The cause of the explosion was not immediately known.',
    minutes(5 * i),
    withFacts,
  );
}

function assignAll(inputs: readonly StoryInput[]): StoryAssignment[] {
  const index = createStoryIndex();
  return inputs.map((input) => index.assign(input));
}

describe('thirty incidents in thirty places told in one template', () => {
  const variants: ReadonlyArray<readonly [Facts, Casing]> = [
    ['facts', 'sentence case'],
    ['facts', 'Title Case'],
    ['no facts', 'sentence case'],
    ['no facts', 'Title Case'],
  ];

  it.each(variants)('give thirty stories (%s, %s)', (withFacts, casing) => {
    const results = assignAll(CITIES.map((city, i) => incident(city, i, withFacts, casing)));
    expect(results.every((r) => r.isNew)).toBe(true);
    expect(new Set(results.map((r) => r.storyId)).size).toBe(CITIES.length);
  });

  const followUp = (withFacts: Facts): StoryInput =>
    report(
      'follow-up',
      'Lagos market explosion: 11 now dead',
      'Eleven people have now died after an explosion tore through a crowded market in Lagos on Tuesday, police said, ' +
        'as rescuers searched the rubble for survivors. Dozens were wounded in the blast, whose cause was not immediately known.',
      minutes(5 * CITIES.length + 120),
      withFacts,
    );

  it('still let a true follow-up join its own incident, as an update of the toll', () => {
    const results = assignAll([...CITIES.map((city, i) => incident(city, i, 'facts')), followUp('facts')]);
    const last = results.at(-1);
    expect(last?.storyId).toBe(results[0]?.storyId);
    expect(last?.reason).toMatchObject({ kind: 'same-event', places: 'shared-place' });
    expect(last?.update?.killed).toEqual({ from: 3, to: 11 });
  });

  it.each(variants)('never put a follow-up in another incident (%s, %s)', (withFacts, casing) => {
    const results = assignAll([...CITIES.map((city, i) => incident(city, i, withFacts, casing)), followUp(withFacts)]);
    const others = new Set(results.slice(1, CITIES.length).map((r) => r.storyId));
    expect(others.has(results.at(-1)?.storyId ?? '')).toBe(false);
  });

  const notFollowUps: ReadonlyArray<readonly [string, StoryInput]> = [
    [
      'the same place and template a week later',
      report(
        'week-later',
        'Explosion at Lagos market kills 4',
        'An explosion tore through a crowded market in Lagos on Tuesday, killing 4 people and wounding dozens, police said. ' +
          'Witnesses described a loud blast followed by thick smoke as traders and shoppers fled.',
        minutes(7 * 24 * 60),
        'facts',
      ),
    ],
    [
      'only the rare word in common',
      report(
        'rare-word',
        'Explosion of interest in market gardening as food prices climb',
        'Allotment waiting lists have doubled this spring as households look for cheaper vegetables, gardening groups say.',
        minutes(200),
        'facts',
      ),
    ],
    [
      'another incident in the same place the same day',
      report(
        'other-incident',
        'Lagos ferry capsizes with dozens aboard',
        'A passenger ferry capsized on the Lagos lagoon on Tuesday evening with dozens of people aboard, the emergency agency said.',
        minutes(240),
        'facts',
      ),
    ],
  ];
  it.each(notFollowUps)('start their own story: %s', (_name, other) => {
    const results = assignAll([...CITIES.map((city, i) => incident(city, i, 'facts')), other]);
    expect(results.at(-1)?.isNew).toBe(true);
  });
});
