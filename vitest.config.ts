// Test runner setup: one database per run (PGlite by default, PostgreSQL when
// SIGHTLINE_TEST_ENGINE=postgres), migrated once, shared by test files that each make their own tenants.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['web/**', 'node_modules/**', 'src/**/*.browser.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
