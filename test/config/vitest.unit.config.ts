import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// WxtVitest does not bring the vite plugins from wxt.config.ts, so preact() is added here too.
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    root: '.',
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    // A guard against hangs, not a speed check: property tests and full-page renders take seconds on a
    // shared, busy machine, past vitest's 5 s default.
    testTimeout: 30_000,
  },
});
