import { resolveEventDate } from './src/summarize/resolve-event-date.ts';
const fri = new Date('2019-12-27T10:00:00Z');
const sat = new Date('2019-12-28T10:00:00Z');
const cases: [string, Date | null, string | null][] = [
  ['killed a contractor on Friday, said', fri, '2019-12-27'],
  ['killed a contractor on Friday, said', sat, '2019-12-27'],
  ['yesterday a bomb', sat, '2019-12-27'],
  ['last night a bomb', sat, '2019-12-27'],
  ['this morning a bomb', sat, '2019-12-28'],
  ['on December 27 a bomb', sat, '2019-12-27'],
  ['on December 29 a bomb', sat, '2018-12-29'],
  ['on 27 December 2019', null, '2019-12-27'],
  ['Dec. 27', sat, '2019-12-27'],
  ['the attack last Saturday', sat, '2019-12-21'],
  ['since the end of October', sat, null],
  ['in December 2017', sat, null],
  ['You may 5 times', sat, null],
  ['on Friday', null, null],
];
for (const [t, p, e] of cases) { const r = resolveEventDate([t], p); console.log(r === e ? 'ok  ' : 'FAIL', r, t); }
