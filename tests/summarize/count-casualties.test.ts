// Casualty counts: digits, number words, dozens, singular subjects; vague and figurative → null.
import { describe, expect, it } from 'vitest';
import { countCasualties } from '../../src/summarize/count-casualties.ts';

describe('countCasualties', () => {
  it.each<[string, number | null, number | null]>([
    ['A rocket attack in northern Iraq killed an American contractor and wounded several military on Friday.', 1, null],
    ['"An American civil contractor was killed and several members of the US service and Iraqi personnel were injured."', 1, null],
    ['A policeman was killed.', 1, null],
    ['The blast killed 3 and wounded 12.', 3, 12],
    ['A bomb exploded, killing 3 and wounding 12.', 3, 12],
    ['At least 11 people were killed and two dozen injured.', 11, 24],
    ['Eleven people died in the fire.', 11, null],
    ['A dozen soldiers were wounded.', null, 12],
    ['Half a dozen pilgrims were hurt.', null, 6],
    ['twenty-three people were injured', null, 23],
    ['Three Iraqi soldiers were killed.', 3, null],
    ['1,200 people were killed in the quake.', 1200, null],
    ['The storm killed more than 100 people.', 100, null],
    ['Three hundred people died.', 300, null],
    ['The attack left 5 dead and 20 injured.', 5, 20],
    ['The death toll rose to 40.', 40, null],
    ['No one was hurt.', null, 0],
    ['There were no casualties.', 0, 0],
    ['Dozens were killed and scores injured.', null, null],
    ['Several people were wounded.', null, null],
    ['He killed two birds with one stone.', null, null],
    ['Workers began a 24-hour strike.', null, null],
    ['Some 5,000 US soldiers are currently in Iraq.', null, null],
    ['In 2019 the war ended.', null, null],
    ['Police killed the gunman.', null, null],
    ['The bill was killed in committee.', null, null],
    ['The new rules hurt 3 industries.', null, null],
    ['A 3-year-old girl was injured.', null, 1],
  ])('%j → killed %j, injured %j', (text, killed, injured) => {
    expect(countCasualties([text])).toEqual({ killed, injured });
  });

  it('takes the first stated figure, title first, over later vague words', () => {
    expect(countCasualties(['Blast kills 4 in market', 'Several people were killed, police said.'])).toEqual({ killed: 4, injured: null });
    expect(countCasualties(['Several were killed.', 'Police later said 6 people died.'])).toEqual({ killed: 6, injured: null });
  });
});
