// Builds Alerts for the chat tests: one realistic incident, with any field overridden.
import type { Alert } from '../../src/domain/alert.ts';

export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 42,
    ruleId: 'iraq-rockets',
    itemKey: 'example-wire:kirkuk-1',
    title: 'Rocket attack hits military base near Kirkuk',
    link: 'https://news.example/world/2019/12/27/kirkuk-rockets',
    source: 'Example Wire',
    published: new Date('2019-12-27T19:40:00Z'),
    matched: [
      { term: 'rocket attack', field: 'title', start: 0, end: 2 },
      { term: 'Iraq', field: 'body', start: 9, end: 10 },
    ],
    summary:
      'More than 30 rockets were fired at an Iraqi military base near Kirkuk on Friday, killing a US civilian contractor and wounding four service members, officials said.',
    facts: { places: [{ name: 'Kirkuk', country: 'IQ' }], killed: 1, injured: 4, when: '2019-12-27', attribution: null },
    storyId: 'story-kirkuk-2019-12-27',
    alsoReportedBy: [],
    priority: 'flash',
    ...overrides,
  };
}
