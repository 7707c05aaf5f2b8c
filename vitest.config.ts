import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit, main-process and cross-process tests in plain Node. End-to-end tests in Chromium have
// their own config (vitest.e2e.config.ts). Each test file runs in its own forked process:
// RxDB counts open collections per process (COL23), and native modules stay isolated.
//
// At least two files at once: most tests wait on PostgreSQL, child processes and the disk, so
// Vitest's default (one worker fewer than the cores) leaves a 2-core machine half idle. On
// such a machine the whole run took 892 s with two workers against 1,117 s with one.
export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism() - 1),
    include: ['{shared,electron,server,renderer,test}/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
