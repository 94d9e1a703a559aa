// place: (docs/rules.md, "Operators"): a country matches its names, demonyms and the regions and
// cities located in it, resolved with the project's gazetteer (src/geo).
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain/match.ts';
import { compileRules } from '../../src/rules/compile-rules.ts';
import { explainRule } from '../../src/rules/explain-rule.ts';

const body = (text: string, title = ''): Article => ({ title, body: text, source: '', url: '' });

function fires(query: string, a: Article): boolean {
  const compiled = compileRules([{ id: 'r', query }]);
  if (compiled.kind !== 'ok') throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.rules.match(a).length === 1;
}

describe('place:', () => {
  it.each([
    ['"rocket attack" place:Iraq', 'Rockets attacked a base in Kirkuk', true],
    ['"rocket attack" place:Iraq', 'A rocket attack in northern Iraq killed two', true],
    ['"rocket attack" place:Iraq', 'Rocket attack: Iraqi forces respond', true],
    ['"rocket attack" place:Iraq', 'Rocket attack on a base near Erbil', true],
    ['"rocket attack" place:Iraq', 'A rocket attack in Syria', false],
    ['explosion place:Nigeria', 'An explosion near our Lagos office', true],
    ['explosion place:IQ', 'An explosion in Baghdad', true],
    ['explosion place:Iraqi', 'An explosion in Mosul', true],
    ['fire place:"New York"', 'A fire broke out in New York', true],
    ['fire place:"New York"', 'A fire broke out in York', false],
    ['fire place:Kirkuk', 'A fire in Kirkuk', true],
    ['fire place:Kirkuk', 'A fire in Baghdad', false],
    ['storm place:France', 'A nice storm today', false],
    ['storm place:France', 'A storm hit Nice on Sunday', true],
    ['attack -place:Iraq', 'An attack in Syria', true],
    ['attack -place:Iraq', 'An attack in Basra', false],
    ['attack NEAR/3 place:Iraq', 'attack in Basra', true],
    ['attack NEAR/3 place:Iraq', 'attack somewhere far from anything named here, later Basra', false],
  ])('%s on %j → %s', (query, text, expected) => {
    expect(fires(query, body(text))).toBe(expected);
  });

  it('respects field scopes', () => {
    expect(fires('attack title:place:Iraq', body('an attack', 'News from Mosul'))).toBe(true);
    expect(fires('attack title:place:Iraq', body('an attack in Mosul', 'News'))).toBe(false);
    expect(fires('attack title:(place:Iraq)', body('an attack', 'News from Mosul'))).toBe(true);
    expect(fires('attack title:(place:Iraq)', body('an attack in Mosul', 'News'))).toBe(false);
  });

  it('reports the place mention as a matched term', () => {
    const result = explainRule('"rocket attack" place:Iraq', body('Rockets attacked a base in Kirkuk'));
    expect(result.kind === 'explained' && result.matched.map((m) => [m.term, m.text, m.start, m.end])).toEqual([
      ['rocket attack', 'Rockets attacked', 0, 2],
      ['place:Iraq', 'Kirkuk', 5, 6],
    ]);
  });

  it('rejects a place the gazetteer does not know, and place: without a gazetteer', () => {
    const unknown = compileRules([{ id: 'p', query: 'attack place:Narnia' }]);
    expect(unknown.kind === 'invalid' && unknown.errors[0]?.message).toBe(
      'rule "p", column 8: unexpected "place:Narnia" — unknown place "Narnia": use a country, region or city name',
    );
    const none = compileRules([{ id: 'p', query: 'attack place:Iraq' }], {});
    expect(none.kind === 'invalid' && none.errors[0]?.hint).toContain('no gazetteer');
  });
});
