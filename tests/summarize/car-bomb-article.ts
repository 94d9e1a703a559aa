// A written article whose key sentence is the fourth: a scene-setting lead, a question, the incident,
// its background and an aside. Shared by the selection and summary tests.
export const CAR_BOMB_TITLE = 'Car bomb kills 11 at Kirkuk police headquarters';

export const CAR_BOMB_SENTENCES = [
  'Residents of the northern town woke early on Tuesday.',
  'Many of them had heard loud noises overnight.',
  'What happened next?',
  'A car bomb exploded outside the Kirkuk police headquarters, killing 11 people and wounding 30, police said.',
  'The Kirkuk police headquarters had been attacked before, in 2016, when a car bomb killed four officers.',
  'The weather was mild for the season.',
];
