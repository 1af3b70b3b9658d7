import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ['test/setup.ts'],
    // Two cores on the CI machine; many tests wait on child processes (the bin, chromium), so both are used.
    // Three workers were measured too: no faster on two cores, since the suite is bound by CPU.
    maxWorkers: 2,
    // Test files share their worker process instead of each starting a fresh one: a fresh process
    // re-imports dist/cli/main.js and its readers and renderers for every file (about a second of the
    // two cores each). Sharing is safe here: every in-process run (`dialog` in test/helpers.ts) restores
    // the working directory, environment and output streams; every file removes its own temporary
    // folders; no test mocks a module or stubs a global. Checked with the files in shuffled order.
    isolate: false,
  },
});
