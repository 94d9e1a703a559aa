// Several workers, one story: see story-memory-harness.ts.
import { describe, it } from 'vitest';
import { POSTGRES_SKIP_REASON, POSTGRES_URL } from '../store/dialects.ts';
import { storyScenarios } from './story-memory-harness.ts';

const scenarios = storyScenarios();

describe.skipIf(POSTGRES_URL === null)(POSTGRES_URL === null ? POSTGRES_SKIP_REASON : 'two workers on one Postgres', () => {
  it('post once and edit once when two outlets report one incident at the same moment', { timeout: 120_000 }, async () => {
    await scenarios.twoWorkersOneStory(POSTGRES_URL ?? '');
  });
});
