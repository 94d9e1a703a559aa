import { countCasualties } from './src/summarize/count-casualties.ts';
const cases: [string, number | null, number | null][] = [
  ['A rocket attack in northern Iraq killed an American contractor and wounded several military on Friday.', 1, null],
  ['"An American civil contractor was killed and several members of the US service and Iraqi personnel were injured in a rocket attack."', 1, null],
  ['The blast killed 3 and wounded 12.', 3, 12],
  ['At least 11 people were killed and two dozen injured.', 11, 24],
  ['A bomb exploded, killing 3 and wounding 12.', 3, 12],
  ['He killed two birds with one stone.', null, null],
  ['Workers began a 24-hour strike.', null, null],
  ['Some 5,000 US soldiers are currently in Iraq.', null, null],
  ['In 2019 the war ended.', null, null],
  ['Dozens were killed and scores injured.', null, null],
  ['Eleven people died.', 11, null],
  ['A dozen soldiers were wounded.', null, 12],
  ['No one was hurt.', null, 0],
  ['The death toll rose to 40.', 40, null],
  ['Three Iraqi soldiers were killed.', 3, null],
  ['The attack left 5 dead and 20 injured.', 5, 20],
  ['Police killed the gunman.', null, null],
  ['a policeman was killed', 1, null],
  ['twenty-three people were injured', null, 23],
  ['1,200 people were killed', 1200, null],
  ['The storm killed more than 100 people.', 100, null],
];
for (const [t, k, i] of cases) {
  const r = countCasualties([t]);
  console.log(r.killed === k && r.injured === i ? 'ok  ' : 'FAIL', JSON.stringify(r), t);
}
