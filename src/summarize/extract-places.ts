// Where an incident happened, from the gazetteer's mentions: cities and regions unless they stand
// for a government ("Washington said", "asked Baghdad"); countries and demonyms only with a cue
// that they are the scene ("in northern Iraq", "an Iraqi military base"), not an actor ("US-led",
// "backed by Iran") or a nationality ("US soldiers", "an American contractor").
import { splitWords } from '../text/words.ts';
import type { Word } from '../text/words.ts';
import type { Gazetteer, GazetteerEntry, PlaceMention } from '../geo/gazetteer-types.ts';
import type { Place } from '../domain/alert.ts';

export const MAX_PLACES = 5;

type Role = 'location' | 'actor' | 'neutral';

const LOCATIVE = new Set(['in', 'near', 'at', 'outside', 'inside', 'across', 'throughout', 'around', 'into', 'over', 'within', 'toward', 'towards', 'nearby']);
const SKIPPED_BEFORE = new Set(['the', 'northern', 'southern', 'eastern', 'western', 'central', 'north', 'south', 'east', 'west', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'downtown', 'rural', 'coastal', 'occupied', 'neighbouring', 'neighboring', 'restive']);
/** "attack on X", "shelling of X", "outskirts of X". */
const ON_NOUNS = new Set(['attack', 'attacks', 'strike', 'strikes', 'raid', 'raids', 'assault', 'offensive', 'bombardment', 'shelling', 'airstrike', 'airstrikes']);
const OF_NOUNS = new Set(['shelling', 'bombing', 'bombardment', 'siege', 'capture', 'invasion', 'outskirts', 'city', 'town', 'province', 'region', 'capital', 'village', 'north', 'south', 'east', 'west', 'centre', 'center', 'heart', 'streets', 'part', 'parts', 'area', 'district']);
/** "struck Gaza", "an earthquake hit Turkey". */
const EVENT_VERBS = new Set(['hit', 'hits', 'struck', 'rocked', 'rocks', 'shook', 'shakes', 'pounded', 'pounds', 'shelled', 'shells', 'bombed', 'attacked', 'invaded', 'invades', 'battered', 'lashed', 'flooded', 'hammered', 'targeted']);
/** "Iraq earthquake", "Kabul bombing": the country or city is where it happened. */
const INCIDENTS = new Set(['blast', 'blasts', 'explosion', 'bombing', 'bombings', 'earthquake', 'quake', 'floods', 'flooding', 'wildfire', 'wildfires', 'fire', 'shooting', 'crash', 'clashes', 'violence', 'protests', 'unrest', 'massacre', 'riots', 'attack', 'attacks', 'siege']);
const INCIDENT_MODIFIERS = new Set(['rocket', 'car', 'suicide', 'drone', 'missile', 'air', 'bomb', 'gun', 'knife', 'mortar', 'truck', 'terror', 'terrorist', 'militant', 'train', 'plane', 'bus', 'mine', 'mass', 'deadly', 'school', 'mosque', 'church', 'market']);
/** Country-level incident words exclude acts of war, which a country's name usually performs ("US strikes"). */
const ACTS = new Set(['attack', 'attacks', 'siege']);
/** "an Iraqi military base": a demonym that places the scene. */
const SCENE_NOUNS = new Set(['base', 'bases', 'city', 'town', 'village', 'border', 'territory', 'soil', 'province', 'region', 'port', 'airport', 'capital', 'airspace', 'waters', 'coast', 'checkpoint', 'camp', 'oilfield', 'refinery', 'outpost', 'prison', 'town']);
/** "US forces", "American contractor": a nationality describing people or things, not a scene. */
const DESCRIBED_NOUNS = new Set(['forces', 'troops', 'soldiers', 'interests', 'embassy', 'embassies', 'personnel', 'citizens', 'nationals', 'officials', 'diplomats', 'military', 'navy', 'army', 'ships', 'warships', 'drones', 'aircraft', 'jets', 'contractor', 'contractors', 'company', 'companies', 'firms', 'targets', 'positions', 'base', 'bases', 'convoy', 'convoys', 'service', 'servicemen', 'officers', 'vessel', 'vessels', 'tanker', 'tankers']);
/** "Washington said", "Moscow denied", "Iran fired". */
const ACTOR_VERBS = new Set([
  'said', 'says', 'say', 'told', 'tells', 'denied', 'denies', 'deny', 'warned', 'warns', 'warn', 'accused', 'accuses',
  'blamed', 'blames', 'attributed', 'attributes', 'asked', 'asks', 'urged', 'urges', 'demanded', 'demands',
  'announced', 'announces', 'insisted', 'insists', 'claimed', 'claims', 'condemned', 'condemns', 'rejected',
  'rejects', 'responded', 'responds', 'threatened', 'threatens', 'vowed', 'vows', 'called', 'calls', 'wants',
  'believes', 'expressed', 'welcomed', 'welcomes', 'praised', 'sanctioned', 'imposed', 'ordered', 'orders', 'sent',
  'sends', 'deployed', 'launched', 'fired', 'struck', 'backs', 'supports', 'agreed', 'agrees', 'plans', 'hopes',
  'expects', 'retaliated', 'summoned', 'confirmed', 'acknowledged', 'pledged',
]);
const AUXILIARIES = new Set(['has', 'have', 'had', 'is', 'was', 'also', 'would', 'will', 'did', 'does', 'quickly', 'later', 'repeatedly', 'previously', 'long', 'already', 'has', 'again', 'then', 'now', 'had']);
/** "asked Baghdad", "urged Tehran", "backed by Iran". */
const ACTOR_OBJECT_VERBS = new Set(['asked', 'urged', 'told', 'warned', 'accused', 'pressed', 'blamed', 'sanctioned', 'criticised', 'criticized', 'condemned', 'called', 'pressured', 'pushed']);
const BY_VERBS = new Set(['backed', 'supported', 'sponsored', 'funded', 'armed', 'blamed', 'claimed', 'led', 'controlled', 'trained']);
const TALK_NOUNS = new Set(['talks', 'ties', 'relations', 'deal', 'agreement', 'negotiations', 'meeting', 'dialogue']);
/** "Iran-backed", "US-led". */
const ACTOR_COMPOUNDS = new Set(['led', 'backed', 'sponsored', 'allied', 'aligned', 'supported', 'funded', 'linked', 'affiliated', 'friendly', 'armed', 'trained', 'brokered', 'made']);
/** "the Baghdad government", "the government in Baghdad" (for capitals and countries). */
const GOVERNMENT_NOUNS = new Set(['government', 'governments', 'authorities', 'officials', 'administration', 'regime', 'leadership', 'ministry', 'president', 'prime', 'foreign', 'defence', 'defense', 'envoy', 'spokesman', 'spokeswoman', 'embassy', 'parliament', 'cabinet']);

const WATERS = new Set(['ocean', 'sea', 'gulf', 'strait', 'straits', 'channel', 'coast', 'basin']);
/** Diplomatic missions: "the embassy in Baghdad" is in Iraq, whoever's embassy it is. */
const MISSIONS = new Set(['embassy', 'embassies', 'consulate', 'consulates', 'mission', 'legation', 'chancery', 'residence']);

interface Seen {
  entry: GazetteerEntry;
  candidates: readonly GazetteerEntry[];
  readonly sentence: number;
  readonly word: number;
  readonly roles: Set<Role>;
  mentions: number;
}

/** Places an article is about, most important first. `early` sentences (title, lead) rank first. */
export function extractPlaces(sentences: readonly string[], gazetteer: Gazetteer, early: number): Place[] {
  const seen = new Map<string, Seen>();
  sentences.forEach((text, sentence) => {
    const words = splitWords(text);
    for (const m of gazetteer.findPlaces(words, text)) {
      const local = m.entry.kind === 'city' || m.entry.kind === 'region';
      const key = local ? `P:${m.entry.country}:${m.entry.words.join(' ')}` : `C:${m.entry.country}`;
      const role = roleOf(words, text, m, sentence === 0);
      const known = seen.get(key);
      if (known === undefined) seen.set(key, { entry: m.entry, candidates: m.candidates, sentence, word: m.start, roles: new Set([role]), mentions: 1 });
      else {
        known.roles.add(role);
        known.mentions++;
      }
    }
  });

  // "Tripoli" in a text that also names Lebanon is Tripoli, Lebanon.
  // So is "Burlington, Iowa" Burlington in the US: a region named places its country too.
  const countries = new Set([...seen.values()].filter((s) => s.entry.kind !== 'city').map((s) => s.entry.country));
  // A city named once, in passing, far from the lead ("a fund based in Munich") is not the story.
  const kept = [...seen.values()].filter((s) => {
    const local = s.entry.kind === 'city' || s.entry.kind === 'region';
    return s.roles.has('location') || (local && s.roles.has('neutral') && (s.sentence < early || s.mentions > 1));
  });
  for (const s of kept) {
    const better = s.candidates.find((c) => countries.has(c.country) && c.kind === s.entry.kind);
    if (better !== undefined && better.country !== s.entry.country && !countries.has(s.entry.country)) s.entry = better;
  }
  kept.sort(
    (a, b) =>
      Number(b.sentence < early) - Number(a.sentence < early) ||
      specificity(a.entry) - specificity(b.entry) ||
      a.sentence - b.sentence ||
      a.word - b.word,
  );
  const places: Place[] = [];
  const names = new Set<string>();
  for (const s of kept) {
    const local = s.entry.kind === 'city' || s.entry.kind === 'region';
    const name = local ? s.entry.name : (gazetteer.country(s.entry.country)?.name ?? s.entry.name);
    if (names.has(`${name}:${s.entry.country}`)) continue;
    names.add(`${name}:${s.entry.country}`);
    places.push({ name, country: s.entry.country });
    if (places.length === MAX_PLACES) break;
  }
  return places;
}

function specificity(e: GazetteerEntry): number {
  return e.kind === 'city' ? 0 : e.kind === 'region' ? 1 : 2;
}

function roleOf(words: readonly Word[], text: string, m: PlaceMention, inTitle: boolean): Role {
  const e = m.entry;
  const local = e.kind === 'city' || e.kind === 'region';
  const government = !local || m.candidates.some((c) => c.capital);
  const before = (k: number): string => words[m.start - k]?.text ?? '';
  const after = (k: number): string => words[m.end - 1 + k]?.text ?? '';
  const gapAfter = gapBetween(words, text, m.end);

  // Compounds: "Iran-backed" (actor), "Kirkuk-based" (scene), "Iraq-Syria" (neither).
  if (gapAfter === '-') return ACTOR_COMPOUNDS.has(after(1)) ? 'actor' : after(1) === 'based' ? 'location' : 'neutral';

  // Actor: "Washington said", "Washington has asked", "Moscow has long denied".
  if (/^\s+$/.test(gapAfter)) {
    let k = 1;
    while (AUXILIARIES.has(after(k))) k++;
    if (government && ACTOR_VERBS.has(after(k))) return 'actor';
    if (government && GOVERNMENT_NOUNS.has(after(1))) return 'actor';
  }
  if (ACTOR_OBJECT_VERBS.has(before(1)) || (before(1) === 'by' && BY_VERBS.has(before(2)))) return 'actor';
  if (before(1) === 'with' && TALK_NOUNS.has(before(2))) return 'actor';
  // "the French embassy in Tehran": a mission abroad puts the scene in its host city, not its country.
  if (before(1) === 'in' && MISSIONS.has(before(2))) return 'location';
  if (government && m.candidates.some((c) => c.capital) && before(1) === 'in' && GOVERNMENT_NOUNS.has(before(2))) return 'actor';

  // "the Indian Ocean", "the Caspian Sea": a demonym naming a body of water.
  if (e.kind === 'demonym' && WATERS.has(after(1))) return 'neutral';
  // "an Iraqi military base" (but "an American base in Iraq" is in Iraq).
  const scene = [1, 2, 3].find((j) => SCENE_NOUNS.has(after(j)));
  if (e.kind === 'demonym' && scene !== undefined && !LOCATIVE.has(after(scene + 1))) return 'location';

  // "attacks targeted US forces": the country describes the target, it is not the scene.
  if (!local && /^\s+$/.test(gapAfter) && DESCRIBED_NOUNS.has(after(1))) return 'neutral';

  // Scene: "in (the) northern Iraq", "attack on Kirkuk", "shelling of Kharkiv", "hit Turkey".
  let k = 1;
  while (SKIPPED_BEFORE.has(before(k))) k++;
  if (LOCATIVE.has(before(k))) return 'location';
  if (before(k) === 'on' && ON_NOUNS.has(before(k + 1))) return 'location';
  if (before(k) === 'of' && OF_NOUNS.has(before(k + 1))) return 'location';
  if (EVENT_VERBS.has(before(1))) return 'location';
  // "Nice, France": a city placed in its country places both.
  if (/^\s*,\s*$/.test(gapAfter) && m.end < words.length && local) return 'location';
  if (e.kind === 'country' && /^\s*,\s*$/.test(gapBetween(words, text, m.start)) && m.start > 0) return 'location';
  // "Iraq earthquake", "Kirkuk rocket attack"
  const incident = INCIDENT_MODIFIERS.has(after(1)) ? after(2) : after(1);
  if (INCIDENTS.has(incident) && (local || !ACTS.has(incident))) return 'location';
  // A title that opens with the country: "Iraq: rocket attack kills contractor".
  if (inTitle && m.start === 0 && /^\s*[:|–—-]/.test(gapAfter)) return 'location';
  return 'neutral';
}

/** The characters before word j (after word j-1); '' at the ends. */
function gapBetween(words: readonly Word[], text: string, j: number): string {
  const prev = words[j - 1];
  const next = words[j];
  if (prev === undefined || next === undefined) return '';
  return text.slice(prev.end, next.start);
}
