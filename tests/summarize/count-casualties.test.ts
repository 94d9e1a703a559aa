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
    ['A gunman shot dead six people at a school.', 6, null],
    ['Two Britons were shot dead in the town.', 2, null],
    ['Seven youths were stabbed to death.', 7, null],
    ['An Afghan man died after being beaten.', 1, null],
    ['Two Palestinians were killed in the raid.', 2, null],
    ['Troops raided the camp, killing 10 Palestinians including an 11-year-old boy.', 10, null],
    ['He was jailed for shooting dead a 16-year-old burglar.', 1, null],
    ['The fire trapped 44 miners and killed at least one.', 1, null],
    ['Floods have killed almost 100 people.', 100, null],
    ['17 people were slightly injured.', null, 17],
    ['Its forces killed or wounded 1,500 soldiers.', null, null],
    ['About 440 Britons were either dead or missing.', null, null],
    ['More Than 300 Dogs Found Dead In Shelter', null, null],
    ['Soldiers killed her 27-year-old son.', 1, null],
    ['At least 40 soldiers and guerrillas including a U.S. military adviser died today.', 40, null],
  ])('%j → killed %j, injured %j', (text, killed, injured) => {
    expect(countCasualties([text])).toEqual({ killed, injured });
  });

  it('takes the first stated figure, title first, over later vague words', () => {
    expect(countCasualties(['Blast kills 4 in market', 'Several people were killed, police said.'])).toEqual({ killed: 4, injured: null });
    expect(countCasualties(['Several were killed.', 'Police later said 6 people died.'])).toEqual({ killed: 6, injured: null });
  });
});
