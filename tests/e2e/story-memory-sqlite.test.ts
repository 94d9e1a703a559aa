// One alert per incident across restarts, on SQLite: see story-memory-harness.ts.
import { describe, it } from 'vitest';
import { storyScenarios } from './story-memory-harness.ts';

const scenarios = storyScenarios();

describe('one alert per incident (sqlite)', () => {
  it('posts each article of a repost storm once across SIGTERM and SIGKILL restarts, then edits for a follow-up', { timeout: 150_000 }, async () => {
    await scenarios.repostStormAcrossRestarts(null);
  });
});
