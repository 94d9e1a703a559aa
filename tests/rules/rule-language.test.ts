// Every row and example of docs/rules.md as a table: query, article, fires or not.
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain/match.ts';
import { compileRules } from '../../src/rules/compile-rules.ts';

const article = (a: Partial<Article>): Article => ({ title: '', body: '', source: '', url: '', ...a });
const body = (text: string): Article => article({ body: text });

function fires(query: string, a: Article): boolean {
  const compiled = compileRules([{ id: 'r', query }]);
  if (compiled.kind !== 'ok') throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.rules.match(a).length === 1;
}

type Case = readonly [query: string, text: Article | string, expected: boolean];

const CASES: Record<string, readonly Case[]> = {
  'text model: case, accents, abbreviations, possessives, hyphens': [
    ['cafe', 'Meet at the Café', true],
    ['Café', 'meet at the cafe', true],
    ['U.S.', 'the US said', true],
    ['US', 'the U.S. said', true],
    ['us', 'the U.S. said', true],
    ['U.N.', 'the UN said', true],
    ['Iraq', "Iraq's army", true],
    ["Iraq's", 'Iraq army', true],
    ['"Iran backed"', 'Iran-backed militia', true],
    ['Iran-backed', 'an Iran backed militia', true],
    ['backed', 'Iran-backed militia', true],
    ['Iraq', 'Iraqiya party', false],
    ['attack', 'counterattack launched', false],
  ],
  'fields: default scope is title and body': [
    ['reuters', article({ source: 'Reuters reuters.com' }), false],
    ['reuters', article({ title: 'Reuters exclusive' }), true],
    ['iraq', article({ url: 'https://x.com/iraq-news' }), false],
  ],
  'terms: inflections, not derived words': [
    ['attack', 'attack', true],
    ['attack', 'two attacks', true],
    ['attack', 'they attacked', true],
    ['attack', 'attacking the base', true],
    ['attack', 'the attacker fled', false],
    ['attack', 'unattacked', false],
    ['strike', 'a drone struck', true],
    ['struck', 'they will strike', true],
    ['child', 'three children', true],
    ['children', 'one child', true],
    ['unit', 'united nations', false],
    ['united', 'a unit', false],
  ],
  '=exact': [
    ['=attack', 'the attack', true],
    ['=attack', 'two attacks', false],
    ['=attack', 'the ATTACK', true],
    ['=cafe', 'café', true],
  ],
  'prefix wildcard': [
    ['attack* Iraq', 'attackers in Iraq', true],
    ['attack* Iraq', 'an attack in Iraq', true],
    ['attack* Iraq', 'a counterattack in Iraq', false],
    ['explo* Iraq', 'Explosions in Iraq', true],
  ],
  phrases: [
    ['"rocket attack"', 'a rocket attack', true],
    ['"rocket attack"', 'rocket attacks', true],
    ['"rocket attack"', 'rockets attacked the base', true],
    ['"rocket attack"', 'attack rocket', false],
    ['"rocket attack"', 'rocket fire and an attack', false],
    ['="rocket attack"', 'rocket attacks', false],
    ['="rocket attack"', 'Rocket Attack', true],
    ['"=rocket =attack"', 'rockets attacked', false],
    ['"=rocket attack"', 'rocket attacked', true],
    ['"rocket attack"', article({ title: 'Rocket', body: 'attack on base' }), false],
  ],
  'AND, implicit AND, OR, NOT, -': [
    ['rocket iraq', 'rocket in Iraq', true],
    ['rocket iraq', 'rocket in Syria', false],
    ['rocket AND iraq', 'rocket in Iraq', true],
    ['rocket OR mortar', 'mortar fire', true],
    ['rocket OR mortar', 'gunfire', false],
    ['rocket NOT drill', 'rocket drill', false],
    ['rocket NOT drill', 'rocket launch', true],
    ['rocket -drill', 'rocket drills', false],
    ['rocket AND NOT drill', 'rocket launch', true],
    ['rocket -"fire drill"', 'rocket fire drill', false],
    ['rocket -"fire drill"', 'rocket drill fire', true],
    ['rocket -(drill OR exercise)', 'rocket exercise', false],
    ['(rocket OR mortar) iraq', 'mortars hit Iraq', true],
    ['NOT NOT rocket', 'rocket', true],
  ],
  'operator words only in upper case': [
    ['rocket and mortar', 'rocket and mortar', true],
    ['rocket and mortar', 'rocket mortar', false],
    ['"rocket and mortar"', 'rocket and mortar', true],
    ['war or peace', 'war', false],
    ['war or peace', 'war or peace', true],
    ['rocket not drill', 'rocket drill', false],
    ['rocket not drill', 'rocket not drill', true],
    ['constructor toString', 'the constructor of toString', true],
    ['__proto__', 'a __proto__ b', true],
  ],
  'NEAR and ONEAR': [
    ['rocket NEAR/2 base', 'rocket hit the base', true],
    ['rocket NEAR/1 base', 'rocket hit the base', false],
    ['rocket NEAR/2 base', 'the base was hit by rocket', false],
    ['rocket NEAR/3 base', 'the base was hit by rocket', true],
    ['rocket NEAR base', 'rocket a b c d e base', true],
    ['rocket NEAR base', 'rocket a b c d e f base', false],
    ['rocket NEAR/0 base', 'base rocket', true],
    ['rocket ONEAR/3 base', 'rocket hit the base', true],
    ['rocket ONEAR/3 base', 'base hit by rocket', false],
    ['"rocket attack" NEAR/2 base', 'rocket attacks on the base', true],
    ['(rocket OR mortar) NEAR/1 (base OR embassy)', 'mortar near embassy', true],
    ['rocket NEAR/5 base', article({ title: 'rocket', body: 'base' }), false],
    ['title:rocket NEAR/5 base', article({ title: 'rocket base', body: '' }), true],
    ['rocket NEAR rocket', 'one rocket only', false],
    ['rocket NEAR rocket', 'rocket after rocket', true],
  ],
  'field scopes': [
    ['title:rocket', article({ title: 'Rocket hits', body: 'x' }), true],
    ['title:rocket', article({ title: 'x', body: 'rocket' }), false],
    ['body:rocket', article({ title: 'rocket', body: 'x' }), false],
    ['title:(rocket OR mortar)', article({ title: 'Mortar fire' }), true],
    ['title:"rocket attack"', article({ title: 'Rocket attack on base' }), true],
    ['url:iraq rocket', article({ url: 'https://example.com/iraq/rocket-news', title: 'rocket' }), true],
    ['source:reuters rocket', article({ source: 'Reuters World', body: 'rocket' }), true],
    ['source:reuters rocket', article({ source: 'AP', body: 'rocket reuters' }), false],
  ],
  'examples': [
    ['"rocket attack" AND Iraq', 'A rocket attack in northern Iraq killed two', true],
    ['(rocket OR mortar OR drone) NEAR/8 (base OR embassy) -drill', 'A drone struck near the US embassy', true],
    ['(rocket OR mortar OR drone) NEAR/8 (base OR embassy) -drill', 'a drone over the embassy drill', false],
    ['title:(explosion OR blast) source:reuters', article({ title: 'Blast rocks port', source: 'Reuters reuters.com' }), true],
    ['title:(explosion OR blast) source:reuters', article({ title: 'Port news', body: 'blast', source: 'Reuters' }), false],
  ],
};

describe('rule language (docs/rules.md)', () => {
  for (const [section, cases] of Object.entries(CASES)) {
    describe(section, () => {
      it.each(cases)('%s on %j → %s', (query, text, expected) => {
        expect(fires(query, typeof text === 'string' ? body(text) : text)).toBe(expected);
      });
    });
  }
});
