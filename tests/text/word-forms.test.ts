// wordForms: inflections only, irregulars included, derived words excluded (docs/rules.md, "Terms").
import { describe, expect, it } from 'vitest';
import { wordForms } from '../../src/text/word-forms.ts';

describe('wordForms', () => {
  it.each([
    ['attack', ['attack', 'attacks', 'attacked', 'attacking']],
    ['attacked', ['attack', 'attacks', 'attacked', 'attacking']],
    ['strike', ['strike', 'strikes', 'struck', 'striking']],
    ['struck', ['strike', 'strikes', 'struck', 'striking']],
    ['child', ['child', 'children']],
    ['children', ['child', 'children']],
    ['rocket', ['rocket', 'rockets']],
    ['embassy', ['embassy', 'embassies']],
    ['crisis', ['crisis', 'crises']],
    ['woman', ['woman', 'women']],
    ['kill', ['kill', 'kills', 'killed', 'killing']],
    ['flee', ['flee', 'flees', 'fled', 'fleeing']],
    ['seek', ['seek', 'seeks', 'sought', 'seeking']],
    ['go', ['go', 'goes', 'went', 'going', 'gone']],
    ['be', ['be', 'am', 'are', 'is', 'was', 'were', 'been', 'being']],
    ['burn', ['burn', 'burns', 'burned', 'burnt', 'burning']],
    ['lay', ['lay', 'lays', 'laid', 'laying']],
    ['militia', ['militia', 'militias']],
    ['news', ['news']],
    // Words that are verbs in some reading get their verb forms.
    ['suspect', ['suspect', 'suspects', 'suspected', 'suspecting']],
    ['suspected', ['suspect', 'suspects', 'suspected', 'suspecting']],
    ['clash', ['clash', 'clashes', 'clashed', 'clashing']],
    ['clashed', ['clash', 'clashes', 'clashed', 'clashing']],
    ['raid', ['raid', 'raids', 'raided', 'raiding']],
    ['evacuate', ['evacuate', 'evacuates', 'evacuated', 'evacuating']],
    ['close', ['close', 'closes', 'closed', 'closing']],
    // A past form stands for its verb: `led` is lead, leads, leading (as `struck` is strike).
    ['led', ['lead', 'leads', 'led', 'leading']],
    ['lead', ['lead', 'leads', 'led', 'leading']],
    // Nouns that are rarely verbs stay nouns; an unknown -ed word is no noun to pluralise.
    ['rocket', ['rocket', 'rockets']],
    ['rocketed', ['rocketed']],
  ])('%s → %j', (word, expected) => {
    expect([...wordForms(word)].sort()).toEqual([...expected].sort());
  });

  it.each([
    ['attack', 'attacker'],
    ['attack', 'unattacked'],
    ['unit', 'united'],
    ['united', 'unit'],
    ['new', 'news'],
    ['wound', 'wind'],
    ['drill', 'driller'],
  ])('%s does not match the derived or unrelated word %s', (word, other) => {
    expect(wordForms(word)).not.toContain(other);
  });

  it('is not fooled by words that are names of object properties', () => {
    for (const w of ['constructor', 'tostring', 'hasownproperty', 'proto', 'valueof']) expect(wordForms(w)[0]).toBe(w);
  });

  it('leaves numbers, short words and other scripts alone', () => {
    for (const w of ['2019', 'us', 'un', 'москва', '東京']) expect(wordForms(w)).toEqual([w]);
  });

  it('starts with the word itself and never repeats a form', () => {
    for (const w of ['attack', 'children', 'be', 'leaves']) {
      const forms = wordForms(w);
      expect(forms[0]).toBe(w);
      expect(new Set(forms).size).toBe(forms.length);
    }
  });
});
