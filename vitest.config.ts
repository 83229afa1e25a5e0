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
    projects: [
      { extends: true, test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/browser/**'] } },
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], globalSetup: ['test/browser/globalSetup.ts'], testTimeout: 90_000, hookTimeout: 120_000 } },
    ],
  },
});
