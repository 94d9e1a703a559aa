// One alert per incident across restarts, on Postgres: see story-memory-harness.ts.
import { describe, it } from 'vitest';
import { POSTGRES_SKIP_REASON, POSTGRES_URL } from '../store/dialects.ts';
import { storyScenarios } from './story-memory-harness.ts';

const scenarios = storyScenarios();

describe.skipIf(POSTGRES_URL === null)(POSTGRES_URL === null ? POSTGRES_SKIP_REASON : 'one alert per incident (postgres)', () => {
  it('posts each article of a repost storm once across SIGTERM and SIGKILL restarts, then edits for a follow-up', { timeout: 150_000 }, async () => {
    await scenarios.repostStormAcrossRestarts(POSTGRES_URL);
  });
});
