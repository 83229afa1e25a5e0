import { defineConfig } from 'vitest/config';

/**
 * Two projects: `node` is every suite that needs no browser; `browser` drives the built explorer in headless
 * Debian chromium (test/browser), and its globalSetup builds the client once for the run.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // With NEO4J_URI set, the store contract suites (store, evidence, embedding) share one Neo4j database and empty it
    // before every test: test files running side by side would wipe each other's data. One file at a time, then.
    fileParallelism: !process.env.NEO4J_URI,
    projects: [
      { extends: true, test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/browser/**'] } },
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], globalSetup: ['test/browser/globalSetup.ts'], testTimeout: 90_000, hookTimeout: 120_000 } },
    ],
  },
});
