// Finds the stated number of people killed and injured: "killing 3 and wounding 12", "at least
// 11 people were killed", "two dozen injured", "An American contractor was killed" (= 1);
// vague counts ("several", "dozens") give null. Not fooled by "killed two birds", "a 24-hour strike".
import { readCount, skipHedges } from './read-number.ts';
import type { Count } from './read-number.ts';
import { sentenceWords } from './sentence-words.ts';
import type { TextWord } from './sentence-words.ts';

export interface Casualties {
  readonly killed: number | null;
  readonly injured: number | null;
}

type Kind = 'killed' | 'injured';

/** Verb forms that take the victims as object: "killed 3", "wounding 12". */
const TRANSITIVE: ReadonlyMap<string, Kind> = toMap({
  killed: 'killed', kill: 'killed', kills: 'killed', killing: 'killed', slew: 'killed',
  wounded: 'injured', wounding: 'injured', wounds: 'injured', wound: 'injured', injured: 'injured',
  injuring: 'injured', injures: 'injured', injure: 'injured', hurt: 'injured', hurting: 'injured',
});
/** Words the victims come before: "11 killed", "three soldiers died", "12 were wounded". */
const AFTER_VICTIMS: ReadonlyMap<string, Kind> = toMap({
  killed: 'killed', dead: 'killed', died: 'killed', die: 'killed', dies: 'killed', perished: 'killed',
  slain: 'killed', deaths: 'killed', fatalities: 'killed', lives: 'killed',
  wounded: 'injured', injured: 'injured', hurt: 'injured', injuries: 'injured', hospitalised: 'injured',
  hospitalized: 'injured',
});
function toMap(record: Record<string, Kind>): ReadonlyMap<string, Kind> {
  return new Map(Object.entries(record));
}

/** Sentences without any of these stems cannot state a toll: skipped before tokenising. */
const MAY_STATE_TOLL = /kill|dead|died|die[sd]?\b|death|wound|injur|hurt|slain|slew|perish|fatal|lives|toll|casualt|hospitali/i;
const AUXILIARIES = new Set([
  'were', 'was', 'have', 'has', 'had', 'been', 'are', 'is', 'be', 'being', 'reportedly', 'also', 'later', 'all', 'got', 'left',
  'lay', 'now', 'feared', 'believed', 'confirmed', 'reported', 'slightly', 'seriously', 'critically', 'badly', 'severely',
  'gravely', 'mortally', 'fatally', 'lightly', 'fatally',
]);
const PERSON_NOUNS = new Set([
  'people', 'person', 'persons', 'civilians', 'civilian', 'soldiers', 'soldier', 'troops', 'servicemen', 'serviceman',
  'service', 'members', 'member', 'personnel', 'police', 'policemen', 'policeman', 'policewoman', 'officers',
  'officer', 'men', 'man', 'women', 'woman', 'children', 'child', 'kids', 'boys', 'boy', 'girls', 'girl',
  'students', 'student', 'workers', 'worker', 'contractor', 'contractors', 'journalist', 'journalists',
  'protesters', 'protester', 'demonstrators', 'militants', 'militant', 'fighters', 'fighter', 'insurgents',
  'rebels', 'rebel', 'gunmen', 'gunman', 'attackers', 'attacker', 'passengers', 'passenger', 'pilots', 'pilot',
  'crew', 'residents', 'resident', 'villagers', 'pilgrims', 'worshippers', 'tourists', 'tourist', 'migrants',
  'refugees', 'staff', 'employees', 'employee', 'guards', 'guard', 'bystanders', 'pedestrians', 'miners',
  'firefighters', 'doctors', 'nurses', 'patients', 'teachers', 'others', 'victims', 'citizens', 'citizen',
  'nationals', 'national', 'infants', 'babies', 'teenagers', 'teenager', 'youths', 'adults', 'inmates',
  'prisoners', 'detainees', 'hostages', 'marines', 'marine', 'sailors', 'airmen', 'peacekeepers', 'troopers',
  'agents', 'officials', 'official', 'diplomats', 'diplomat', 'engineers', 'engineer', 'motorists', 'drivers',
  'driver', 'americans', 'more', 'military', 'family', 'relatives', 'bodies', 'casualties', 'adviser', 'advisers',
  'advisor', 'advisors', 'guerrillas', 'guerrilla', 'son', 'sons', 'daughter', 'daughters', 'wife', 'husband', 'father', 'mother', 'brother',
  'sister', 'stepfather', 'stepmother', 'baby', 'toddler', 'teenager', 'burglar', 'youth', 'persons',
]);
/** Words after a count that close the victims' phrase: "killing 3 and wounding 12", "killed 4 in". */
const CLOSERS = new Set(['and', 'in', 'on', 'at', 'when', 'after', 'during', 'including', 'as', 'while', 'near', 'since', 'before', 'with', 'but', 'across', 'inside', 'outside', 'overnight', 'yesterday', 'today', 'last', 'this', 'early', 'late', 'were', 'was', 'of', 'among']);
const SINGULAR_AUX = new Set(['was', 'has', 'is']);
/** Auxiliaries of the perfect, not the passive: "floods have killed 100 people". */
const ACTIVE_AUX = new Set(['have', 'has', 'had', 'left']);
/** How someone was killed, before "dead" or "to death": "shot dead", "stabbed to death". */
const MANNER = new Set(['shot', 'shooting', 'stabbed', 'beaten', 'hacked', 'burned', 'burnt', 'crushed', 'gunned', 'clubbed', 'trampled', 'stoned', 'found', 'left', 'confirmed', 'declared', 'pronounced']);
/** Verbs a single victim is the subject of without an auxiliary: "An Afghan man died". */
const INTRANSITIVE = new Set(['died', 'dies', 'die', 'perished']);
const MAX_PHRASE = 6;
const JOINERS = new Set(['and', 'or', 'but']);
const POSSESSIVES = new Set(['his', 'her', 'their', 'its']);

export function countCasualties(sentences: readonly string[]): Casualties {
  const found: Record<Kind, number | 'vague' | null> = { killed: null, injured: null };
  for (const sentence of sentences) {
    if (!MAY_STATE_TOLL.test(sentence)) continue;
    const words = sentenceWords(sentence);
    for (let i = 0; i < words.length; i++) {
      for (const hit of casualtiesAt(words, i)) {
        const known = found[hit.kind];
        if (typeof known !== 'number') found[hit.kind] = hit.value === 'vague' ? 'vague' : hit.value;
      }
    }
  }
  return { killed: numberOrNull(found.killed), injured: numberOrNull(found.injured) };
}

function numberOrNull(v: number | 'vague' | null): number | null {
  return typeof v === 'number' ? v : null;
}

interface Hit {
  readonly kind: Kind;
  readonly value: number | 'vague';
}

function casualtiesAt(words: readonly TextWord[], i: number): Hit[] {
  const w = words[i];
  if (w === undefined || isAlternative(words, i)) return [];
  const hits: Hit[] = [];
  // "shot dead six people", "stabbed to death two guards": the verb phrase ends at "dead"/"death".
  const forward = TRANSITIVE.get(w.text) ?? (killedByManner(words, i) ? 'killed' : undefined);
  if (forward !== undefined && !isPassive(words, mannerStart(words, i))) {
    const value = victimsAfter(words, i + 1);
    if (value !== null) hits.push({ kind: forward, value });
  }
  const backward = AFTER_VICTIMS.get(w.text) ?? (forward === 'killed' && w.text === 'death' ? 'killed' : undefined);
  // "trapped 44 miners and killed one": a verb joined to another has its subject, not victims, before it.
  if (backward !== undefined && hits.length === 0 && !JOINERS.has(words[i - 1]?.text ?? '')) {
    const value = victimsBefore(words, i);
    if (value !== null) hits.push({ kind: backward, value });
  }
  // "death toll rose to 40", "the toll stands at 12"
  if (w.text === 'toll' && words[i - 1]?.text !== 'injury') {
    for (let j = i + 1; j < Math.min(words.length, i + 5); j++) {
      if (words[j]?.text !== 'to' && words[j]?.text !== 'at') continue;
      const c = readCount(words, skipHedges(words, j + 1));
      if (c !== null && c.value !== 'vague') hits.push({ kind: 'killed', value: c.value });
      break;
    }
  }
  // "no one was killed", "nobody was hurt", "there were no injuries"
  if ((backward !== undefined || w.text === 'casualties') && isNegated(words, i)) {
    if (w.text === 'casualties') return [{ kind: 'killed', value: 0 }, { kind: 'injured', value: 0 }];
    return [{ kind: backward ?? 'killed', value: 0 }];
  }
  return hits;
}

/** "killed or wounded 1,500", "dead or missing": a combined figure is neither toll. */
function isAlternative(words: readonly TextWord[], i: number): boolean {
  const casualty = (k: number): boolean => MAY_STATE_TOLL.test(words[k]?.text ?? '') || words[k]?.text === 'missing' || words[k]?.text === 'captured';
  return (words[i + 1]?.text === 'or' && casualty(i + 2)) || (words[i - 1]?.text === 'or' && casualty(i - 2));
}

/** "shot dead", "stabbed to death", "beaten to death" ending at word i. */
function killedByManner(words: readonly TextWord[], i: number): boolean {
  const w = words[i]?.text;
  if (w === 'dead') return MANNER.has(words[i - 1]?.text ?? '');
  return w === 'death' && words[i - 1]?.text === 'to' && MANNER.has(words[i - 2]?.text ?? '');
}

/** Where the verb phrase ending at word i starts: "shot" in "were shot dead". */
function mannerStart(words: readonly TextWord[], i: number): number {
  if (!killedByManner(words, i)) return i;
  return words[i]?.text === 'dead' ? i - 1 : i - 2;
}

/** "was killed", "were wounded": a participle after an auxiliary takes no object. */
function isPassive(words: readonly TextWord[], i: number): boolean {
  const prev = words[i - 1]?.text;
  return prev !== undefined && AUXILIARIES.has(prev) && !ACTIVE_AUX.has(prev);
}

function isNegated(words: readonly TextWord[], i: number): boolean {
  const window = words.slice(Math.max(0, i - 4), i).map((w) => w.text).join(' ');
  return /\b(?:no one|nobody|none|no)\b(?: \w+){0,2}$/.test(window) && !/\bno longer\b/.test(window);
}

/** The count of a victims' phrase starting at `at`: "3", "at least 11 people", "an American contractor". */
function victimsAfter(words: readonly TextWord[], at: number): number | 'vague' | null {
  const start = skipHedges(words, at);
  const first = words[start];
  if (first === undefined || !/^\s+$/.test(first.gap)) return null;
  if (first.text === 'a' || first.text === 'an' || first.text === 'one') {
    const exact = readCount(words, start);
    if (exact !== null && exact.value !== 1) return closesPhrase(words, start + exact.words) ? exact.value : null;
    // "killed at least one", "killing one and wounding two": "one" alone at the end of the phrase.
    if (first.text === 'one' && endsPhrase(words, start + 1)) return 1;
    return singularPerson(words, start + 1) ? 1 : null;
  }
  // "killed her 27-year-old son"
  if (POSSESSIVES.has(first.text)) return singularPerson(words, start + 1) ? 1 : null;
  const count = readCount(words, start);
  if (count === null) return null;
  return closesPhrase(words, start + count.words) ? count.value : null;
}

/** Nothing more to the phrase at `at`: the end, punctuation or a closing word ("and", "in"). */
function endsPhrase(words: readonly TextWord[], at: number): boolean {
  const next = words[at];
  return next === undefined || /[,.;:!?)"”]/.test(next.gap) || CLOSERS.has(next.text);
}

/** After a count: the phrase must be people ("11 people", "3 US soldiers") or end ("killing 3 and"). */
function closesPhrase(words: readonly TextWord[], at: number): boolean {
  const next = words[at];
  if (next === undefined) return true;
  if (next.gap.includes('-')) return false; // "a 24-hour strike", "3-year-old"
  if (/[,.;:!?)"”]/.test(next.gap)) return true;
  if (CLOSERS.has(next.text) || PERSON_NOUNS.has(next.text)) return true;
  // "11 Iraqi soldiers", "three young men": up to three describing words, then people.
  for (let j = at; j < Math.min(words.length, at + 4); j++) {
    const w = words[j];
    if (w === undefined || (j > at && !/^\s+$/.test(w.gap))) return false;
    if (PERSON_NOUNS.has(w.text) || isPeoplePlural(words, j)) return true;
  }
  return false;
}

/**
 * "Palestinians", "Britons", "Afghans": a capitalised plural is people, unless the next word is
 * capitalised too (a headline in title case: "300 Dogs Found Dead").
 */
function isPeoplePlural(words: readonly TextWord[], j: number): boolean {
  const w = words[j];
  if (w === undefined || !w.capitalised || !/\p{Ll}s$/u.test(w.raw) || /ss$/.test(w.raw)) return false;
  return words[j + 1]?.capitalised !== true;
}

/** "a 16-year-old": an age in years stands for a person. */
function isAge(words: readonly TextWord[], j: number): boolean {
  return /^\d+$/.test(words[j]?.text ?? '') && words[j + 1]?.text === 'year' && words[j + 2]?.text === 'old' && words[j + 1]?.gap === '-';
}

/** "an American civil contractor": up to three describing words, then one person. */
function singularPerson(words: readonly TextWord[], at: number): boolean {
  for (let j = at; j < Math.min(words.length, at + 4); j++) {
    const w = words[j];
    if (w === undefined || !/^\s+$/.test(w.gap)) return false;
    if (PERSON_NOUNS.has(w.text)) return !/s$/.test(w.text) || w.text === 'police';
    if (isAge(words, j)) return true;
  }
  return false;
}

/** Victims before a participle: "11 killed", "three soldiers died", "An American contractor was killed". */
function victimsBefore(words: readonly TextWord[], i: number): number | 'vague' | null {
  let j = mannerStart(words, i) - 1;
  let singular = INTRANSITIVE.has(words[i]?.text ?? '');
  while (j >= 0 && AUXILIARIES.has(words[j]?.text ?? '')) {
    if (SINGULAR_AUX.has(words[j]?.text ?? '')) singular = true;
    j--;
  }
  // Walk back over the victims' phrase (people, describing words) to the count.
  let sawPerson = false;
  for (let steps = 0; j >= 0 && steps <= MAX_PHRASE; steps++, j--) {
    const w = words[j];
    const after = words[j + 1];
    if (w === undefined || (after !== undefined && /[,.;:!?()"“”]/.test(after.gap))) return null;
    // "3-year-old": a hyphenated compound describes the victims, it does not count them.
    const compound = w.gap === '-' || (after !== undefined && after.gap === '-');
    const found = countEndingAt(words, j);
    const count = after !== undefined && after.gap === '-' ? null : found;
    // "40 soldiers and guerrillas including a U.S. military adviser died": the total comes before "including".
    if (count !== null && words[j - 1]?.text === 'including') {
      j--;
      steps = 0;
      continue;
    }
    if (count !== null) {
      if (count.value === 'vague') return sawPerson || steps === 0 ? 'vague' : null;
      if (count.value === 1 && (words[j]?.text === 'a' || words[j]?.text === 'an')) return singular && sawPerson ? 1 : null;
      return sawPerson || steps === 0 ? count.value : null;
    }
    if (compound) continue;
    if (PERSON_NOUNS.has(w.text) || isPeoplePlural(words, j)) sawPerson = true;
    // "177 gold miners", "three port workers": once the people are seen, words before describe them.
    else if (!(sawPerson || w.capitalised || ['of', 'the', 'and', 'other', 'young', 'local', 'foreign', 'civil', 'innocent', 'elderly', 'armed', 'security', 'us'].includes(w.text))) return null;
  }
  return null;
}

/** A count whose last word is words[j] (so "two dozen" is found from "dozen"). */
function countEndingAt(words: readonly TextWord[], j: number): Count | null {
  for (let start = Math.max(0, j - 2); start <= j; start++) {
    const article = words[start]?.text === 'a' || words[start]?.text === 'an';
    const c = readCount(words, start) ?? (article ? ({ value: 1, words: 1 } as const) : null);
    if (c !== null && start + c.words - 1 === j) return c;
  }
  return null;
}
