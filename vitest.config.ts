import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts', 'apps/server/test/**/*.test.ts'],
    environment: 'node',
    // One directory per run for the database templates every test file starts from (test/helpers.ts).
    globalSetup: ['apps/server/test/global-setup.ts'],
    // Service and route tests share one database per file; files run in parallel on the 2 cores.
    // Vitest's default is one worker fewer than the cores — a single worker on a 2-core CI machine,
    // which ran every file in turn.
    pool: 'forks',
    maxWorkers: 2,
    // A worker keeps its loaded modules from one file to the next (each file still has its own
    // database and app): loading the server's module graph again for every file was ~2 s a file.
    // Tests that fake timers or change process.env put them back (afterEach/finally).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
