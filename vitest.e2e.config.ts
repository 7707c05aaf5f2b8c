import { defineConfig } from 'vitest/config';

// End-to-end: the browser harness driven by Playwright in Debian's Chromium, and the same
// specs against the packaged Electron app where an Electron binary exists.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
