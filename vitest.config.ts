import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/postgres-schemas.ts'],
    testTimeout: 120_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most long tests wait on child processes, timers and sockets, not on the CPU: three files at
    // a time on two cores keeps the suite within a few minutes.
    maxWorkers: 3,
  },
});
