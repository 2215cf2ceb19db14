import { defineConfig } from 'vitest/config';

// Real browsers on a 2-core machine: one file at a time, generous timeouts, no retries hiding flakiness.
export default defineConfig({
  test: {
    root: '.',
    include: ['test/e2e/**/*.e2e.test.{ts,mjs}'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
