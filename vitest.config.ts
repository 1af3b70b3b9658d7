import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ['test/setup.ts'],
    // Two cores on the CI machine; many tests wait on child processes (the bin, chromium), so both are used.
    maxWorkers: 2,
  },
});
