// One line of `wirewatch check --json`, exactly as docs/check-output.md shapes it.
import type { Facts } from '../domain/alert.ts';
import type { Item } from '../domain/item.ts';
import type { MatchedTerm } from '../domain/match.ts';

export interface CheckRecord {
  readonly rule: string;
  readonly item: { key: string; title: string; link: string | null; published: string | null; source: string };
  readonly matched: readonly { term: string; field: string; start: number; end: number }[];
  readonly summary: string;
  readonly facts: { places: { name: string; country: string | null }[]; killed: number | null; injured: number | null; when: string | null } | null;
  readonly story: string;
}

export function toCheckRecord(input: { ruleId: string; item: Item; matched: readonly MatchedTerm[]; summary: string; facts: Facts | null; storyId: string }): CheckRecord {
  const { item, facts } = input;
  return {
    rule: input.ruleId,
    item: {
      key: item.key,
      title: item.title,
      link: item.link,
      published: item.publishedEstimated ? null : item.published.toISOString(),
      source: item.source,
    },
    matched: input.matched.map((m) => ({ term: m.term, field: m.field, start: m.start, end: m.end })),
    summary: input.summary,
    facts: facts
      ? { places: facts.places.map((p) => ({ name: p.name, country: p.country })), killed: facts.killed, injured: facts.injured, when: facts.when }
      : null,
    story: input.storyId,
  };
}
