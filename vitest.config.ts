import { defineConfig } from 'vitest/config';

// Unit, main-process and cross-process tests in plain Node. End-to-end tests in Chromium have
// their own config (vitest.e2e.config.ts). Each test file runs in its own forked process:
// RxDB counts open collections per process (COL23), and native modules stay isolated.
export default defineConfig({
  test: {
    include: ['{shared,electron,server,renderer,test}/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
