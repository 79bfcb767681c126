// Unit and integration tests (end-to-end tests run separately: test/e2e/run.mjs).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // dist/ built once, before every file (tests of the CLI and the workers run it)
    globalSetup: ['test/build-once.ts'],
    // the simulator's memory test measures live memory after a forced collection
    execArgv: ['--expose-gc'],
  },
});
