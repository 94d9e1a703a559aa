// Attribution: claims, unclaimed attacks and who is blamed.
import { describe, expect, it } from 'vitest';
import { findAttribution } from '../../src/summarize/find-attribution.ts';

describe('findAttribution', () => {
  it.each<[string, string | null]>([
    [
      'US interests in Iraq have been affected by a series of rocket attacks that have not been claimed, but which Washington attributed to the Shiite paramilitary groups backed by Iran, who have a growing influence.',
      'unclaimed; blamed by Washington on Shiite paramilitary groups backed by Iran',
    ],
    ['The attack was blamed on Iran-backed groups.', 'blamed on Iran-backed groups'],
    ['Officials blamed the attack on al-Shabab militants.', 'blamed by officials on al-Shabab militants'],
    ['The government blamed the violence on an armed group, a spokesman said.', 'blamed by the government on armed group'],
    ['Islamic State claimed responsibility for the bombing.', 'claimed by Islamic State'],
    ['The Taliban claimed responsibility.', 'claimed by Taliban'],
    ['Responsibility was claimed by the Pakistani Taliban, officials said.', 'claimed by Pakistani Taliban'],
    ['No group has claimed responsibility for the attack.', 'unclaimed'],
    ['There was no immediate claim. The attack was not claimed.', 'unclaimed'],
    ['Washington said the weather was fine.', null],
    ['He claimed the title in 2019.', null],
  ])('%j → %j', (text, expected) => {
    expect(findAttribution([text])).toBe(expected);
  });

  it('keeps the string short', () => {
    const long = `The attack was blamed on ${'very '.repeat(60)}bad people.`;
    expect((findAttribution([long]) ?? '').length).toBeLessThanOrEqual(120);
  });
});
