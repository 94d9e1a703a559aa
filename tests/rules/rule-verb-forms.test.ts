// Verb forms through the compiled rule set: a rule word that is a verb in any reading matches its
// verb forms ("suspect" → "suspected", "clash" → "clashed"); a past form stands for its verb
// ("led" → "Leads", "lead" → "led"); "=" keeps one form; nouns that are rarely verbs stay nouns.
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/rules/compile-rules.ts';

function fires(query: string, body: string): boolean {
  const compiled = compileRules([{ id: 'r', query }]);
  if (compiled.kind !== 'ok') throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.rules.match({ title: '', body, source: '', url: '' }).length === 1;
}

describe('verb forms of rule words', () => {
  it.each<[string, string, boolean]>([
    ['suspect', 'Police arrested two suspected militants', true],
    ['suspect', 'Officials suspect arson', true],
    ['suspected', 'The suspect was detained', true],
    ['clash', 'Protesters clashed with police overnight', true],
    ['clash', 'Students clashing with riot police', true],
    ['clashed', 'Fresh clashes in the capital', true],
    ['raid', 'Troops raided a compound', true],
    ['"police raid"', 'Police raided the house', true],
    ['evacuate', 'Thousands were evacuated from the coast', true],
    ['led', 'Coalition Leads Talks', true],
    ['lead', 'a US-led coalition', true],
    ['=led', 'Coalition Leads Talks', false],
    ['=led', 'a US-led coalition', true],
    ['=suspect', 'two suspected militants', false],
    ['rocket', 'Shares rocketed on Monday', false],
    ['unit', 'United Nations', false],
    ['clash', 'The clasher', false],
  ])('%s on %j → %s', (query, body, expected) => {
    expect(fires(query, body)).toBe(expected);
  });
});
