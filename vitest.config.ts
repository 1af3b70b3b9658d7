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
    // A worker that has run many files (isolate: false) can reach a state where V8's regexp tier-up
    // (interpret first, compile later) meets incremental marking and leaves case-insensitive
    // regexps of many alternatives some 35 times slower for the rest of the worker's life:
    // procedure.ts's MAY_HOLD then took 2 s per 100 000 sentences instead of 0.06 s, and
    // aggregate.test.ts 3 to 8 s instead of 1.2 s. Compiling regexps at once avoids the state;
    // it changes no result, only when V8 compiles (reproduced after rendered-pages.test.ts; gone
    // with --no-regexp-tier-up or --no-incremental-marking, measured no slower elsewhere).
    execArgv: ['--no-regexp-tier-up'],
  },
});
