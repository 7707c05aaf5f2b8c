import { defineConfig } from 'vitest/config';

// End-to-end: the browser harness driven by Playwright in Debian's Chromium, and the same
// specs against the packaged Electron app where an Electron binary exists.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Screens answer within a second on a quiet machine; CI machines are not quiet. A poll
    // without its own limit waits this long before it fails.
    expect: { poll: { timeout: 15_000 } },
  },
});
