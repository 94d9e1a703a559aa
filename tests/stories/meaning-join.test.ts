// What word meaning (word vectors) may and may not join, and the headline checks that come first.
import { describe, expect, it } from 'vitest';
import { createStoryIndex } from '../../src/stories/story-index.ts';
import type { StoryIndexOptions, StoryInput } from '../../src/stories/story-index.ts';
import { at, item } from './story-fixtures.ts';

function together(a: StoryInput, b: StoryInput, options: StoryIndexOptions = {}): boolean {
  const index = createStoryIndex(options);
  return index.assign(a).storyId === index.assign(b).storyId;
}

const PACT = item({
  key: 'pact-1',
  source: 'Daily Herald',
  title: 'Hypersonic missile deal: UK, Australia and US agree to accelerate development',
  body: 'The three countries have stepped up their defence partnership by agreeing to work together on hypersonic weaponry.',
  published: at(0),
});
/** The same announcement told in other words: "cooperation", "weapons", "Britain", "security pact". */
const PACT_RETOLD = item({
  key: 'pact-2',
  source: 'Evening Times',
  title: 'Biden announces cooperation with Britain and Australia on hypersonic weapons',
  body: 'The expansion of the security pact is a response to the rapid growth of the Chinese military.',
  published: at(1),
});

describe('joining on meaning', () => {
  it('joins two outlets telling one announcement in other words, which words alone keep apart', () => {
    expect(together(PACT, PACT_RETOLD)).toBe(true);
    expect(together(PACT, PACT_RETOLD, { wordVectors: null })).toBe(false);
  });

  it('never joins one outlet\'s texts on meaning (an outlet repeats its own templates)', () => {
    expect(together(PACT, { ...PACT_RETOLD, source: PACT.source })).toBe(false);
  });

  it('never joins texts whose headlines name other places, however alike they read', () => {
    const lagos = item({ key: 'x-1', source: 'A', title: 'Fire at Lagos market kills five traders', body: 'A fire swept through a crowded market in Lagos on Friday, killing five traders, officials said.' });
    const accra = item({ key: 'x-2', source: 'B', title: 'Blaze at Accra market leaves five traders dead', body: 'A blaze tore through a busy market in Accra on Friday, leaving five traders dead, the fire service said.', published: at(0.2) });
    expect(together(lagos, accra)).toBe(false);
  });
});

describe('headline checks before any similarity', () => {
  const intends = item({ key: 'w-1', source: 'Daily Herald', title: 'Tiger Woods says he intends to play the Masters', body: 'Woods, who was badly hurt in a car crash last year, has played practice rounds at Augusta this week.' });
  const lookBack = (title: string): StoryInput =>
    item({ key: 'w-2', source: 'Evening Times', title, body: 'Tiger Woods was not supposed to win the Masters, but he did, by 12 strokes, and remade the game.', published: at(1) });

  it('keeps a look back ("the 1997 Masters") apart from the news of the day', () => {
    expect(together(intends, lookBack('Reliving how Tiger Woods won the 1997 Masters'))).toBe(false);
    // The check is the year: the same headline without it reads as close as before.
    expect(together(intends, lookBack('Reliving how Tiger Woods won the Masters'))).toBe(true);
  });

  it('does not take a byline after " | " for a name the other text must mention', () => {
    const confirms = item({ key: 'v-1', source: 'Daily Herald', title: 'Tiger Woods confirms he will play at Masters, saying he believes he can win a sixth Green Jacket' });
    const column = item({
      key: 'v-2',
      source: 'Evening Times',
      title: 'Tiger Woods prepared to play through the pain in unlikely Masters quest | Andy Bull',
      body: 'His comeback after the car crash seemed fanciful, but Woods has defied limits throughout his career and says he will play at Augusta.',
      published: at(1),
    });
    expect(together(confirms, column)).toBe(true);
  });
});
