// The match and normalise steps the worker and `wirewatch check` share.
import { describe, expect, it } from 'vitest';
import type { RawItem } from '../../src/domain/item.ts';
import { matchItem } from '../../src/alerts/match-item.ts';
import { normaliseFeed } from '../../src/feeds/normalise/normalise-feed.ts';
import { compileRules } from '../../src/rules/compile-rules.ts';

const raw: RawItem = { guid: 'g1', title: 'Rocket attack near Erbil', link: 'https://wire.example/1', content: null, summary: 'A rocket attack hit a base in Iraq.', published: null, author: null, categories: [] };
const AT = new Date('2026-03-01T12:00:00Z');

describe('normaliseFeed', () => {
  it.each([
    ['the configured title first', 'Configured', 'Document', 'Configured'],
    ['then the document’s', null, 'Document', 'Document'],
    ['then the fallback', null, null, 'wire.example'],
  ])('%s', (_, configured, documentTitle, expected) => {
    const { title, items } = normaliseFeed({ format: 'rss', link: null, title: documentTitle, items: [raw] }, { configured, fallback: 'wire.example' }, 'https://wire.example/feed.xml', AT);
    expect(title).toBe(expected);
    expect(items.map((i) => [i.source, i.title, i.link])).toEqual([[expected, 'Rocket attack near Erbil', 'https://wire.example/1']]);
  });
});

describe('matchItem', () => {
  const compiled = compileRules([
    { id: 'iraq-rocket', query: '"rocket attack" AND Iraq' },
    { id: 'erbil', query: 'Erbil' },
    { id: 'floods', query: 'flood' },
  ]);
  if (compiled.kind !== 'ok') throw new Error('rules did not compile');
  const { rules } = compiled;
  const [item] = normaliseFeed({ format: 'rss', link: null, title: 'Wire', items: [raw] }, { configured: null, fallback: 'x' }, 'https://wire.example/feed.xml', AT).items;

  it('gives every rule the article matches', () => {
    expect(matchItem(rules, item!).map((m) => m.ruleId)).toEqual(['iraq-rocket', 'erbil']);
  });

  it('leaves muted rules out', () => {
    expect(matchItem(rules, item!, (ruleId) => ruleId === 'erbil').map((m) => m.ruleId)).toEqual(['iraq-rocket']);
  });
});
