// Story follow-ups in a channel: what the edited message shows (the first alert with the highest
// tolls, every place, and "also reported by"), and which changes are material enough for a thread
// reply (a higher death or injury toll). Pure. Stories: src/stories/story-types.ts (StoryAssignment).
import type { Alert, Facts, Place } from '../domain/alert.ts';
import type { StoryUpdate } from '../domain/alert-draft.ts';

/** The story's message as it should look after `followUp`: `shown` is what it shows now. */
export function updatedStoryAlert(shown: Alert, followUp: Alert): Alert {
  const outlets = [...shown.alsoReportedBy, ...followUp.alsoReportedBy, followUp.source];
  const alsoReportedBy = [...new Set(outlets.filter((outlet) => outlet !== shown.source && outlet.trim() !== ''))];
  const terms = new Set(shown.matched.map((m) => m.term));
  return {
    ...shown,
    facts: mergeFacts(shown.facts, followUp.facts),
    alsoReportedBy,
    matched: [...shown.matched, ...followUp.matched.filter((m) => !terms.has(m.term) && terms.add(m.term))],
  };
}

/** Highest tolls win; places accumulate; the first date and attribution stay. */
export function mergeFacts(shown: Facts | null, more: Facts | null): Facts | null {
  if (more === null) return shown;
  if (shown === null) return more;
  const names = new Set(shown.places.map(placeKey));
  const places: Place[] = [...shown.places, ...more.places.filter((p) => !names.has(placeKey(p)) && names.add(placeKey(p)))];
  return {
    places,
    killed: maxOrNull(shown.killed, more.killed),
    injured: maxOrNull(shown.injured, more.injured),
    when: shown.when ?? more.when,
    attribution: shown.attribution ?? more.attribution,
  };
}

/**
 * The thread reply for a story update, or null when the change is not material (only new places,
 * or nothing): "Death toll rises to 5 (was 3); 12 wounded (was 4). Reported by Example Wire."
 */
export function describeStoryUpdate(update: StoryUpdate | null, source: string): string | null {
  if (update === null) return null;
  const parts: string[] = [];
  if (update.killed !== null) parts.push(`Death toll rises to ${update.killed.to}${update.killed.from === null ? '' : ` (was ${update.killed.from})`}`);
  if (update.injured !== null) parts.push(`${update.injured.to} wounded${update.injured.from === null ? '' : ` (was ${update.injured.from})`}`);
  if (parts.length === 0) return null;
  const places = update.newPlaces.length > 0 ? ` Also reported in ${update.newPlaces.map((p) => p.name).join(', ')}.` : '';
  return `${parts.join('; ')}.${places} Reported by ${source}.`;
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

function placeKey(place: Place): string {
  return `${place.name.toLowerCase()}|${place.country ?? ''}`;
}
