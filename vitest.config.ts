import { defineConfig } from 'vitest/config';

/**
 * Three suites, chosen by `scripts/test.mjs`:
 * - unit: pure code next to it (`src/**\/*.test.ts`), run once;
 * - medium: `test/medium`, run once per database (TEST_DB=pglite | postgres);
 * - e2e: `test/e2e`, a real browser against a real server.
 */
const suite = process.env.TEST_SUITE ?? 'unit';
const include =
  suite === 'unit' ? ['src/**/*.test.ts'] : suite === 'medium' ? ['test/medium/**/*.test.ts'] : ['test/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    include,
    environment: 'node',
    globalSetup: suite === 'unit' ? [] : ['test/support/global-setup.ts'],
    // Medium and e2e tests write accounts and forms: the test personal-data keys (and PERSONAL_DATA_KEYS for spawned processes).
    setupFiles: suite === 'unit' ? [] : ['test/support/personal-data.ts'],
    testTimeout: suite === 'e2e' ? 60_000 : 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
