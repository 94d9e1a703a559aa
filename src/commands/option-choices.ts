// What a front end may suggest while a user types a command option: rule ids for `rule`, the
// watched feeds for `url`. Front ends reach the settings only through this core.
import type { CommandDeps } from './command-deps.ts';

export interface OptionChoice {
  /** The text a typed prefix is matched against. */
  readonly key: string;
  /** What the user sees. */
  readonly label: string;
  /** What the option is set to. */
  readonly value: string;
  /** An equivalent shorter value (a feed's id for its URL), for platforms that limit a value's length. */
  readonly shortValue: string;
}

/** Choices for option `option` in stored order; [] for options without suggestions. */
export async function optionChoices(option: string, deps: Pick<CommandDeps, 'settings' | 'defaultIntervalSeconds'>): Promise<OptionChoice[]> {
  if (option === 'rule') {
    const rules = await deps.settings.loadActiveRules();
    return rules.map((r) => ({ key: r.id, label: `${r.id}: ${r.query}`, value: r.id, shortValue: r.id }));
  }
  if (option === 'url') {
    const feeds = await deps.settings.loadActiveFeeds(deps.defaultIntervalSeconds);
    // `feeds remove` accepts a feed's id as well as its URL.
    return feeds.map((f) => ({ key: `${f.id} ${f.url}`, label: `${f.id}: ${f.url}`, value: f.url, shortValue: f.id }));
  }
  return [];
}
