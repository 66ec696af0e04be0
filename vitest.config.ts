import { defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './test/sequencer.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist/ (the CLI, the learner host, the exercise module) is built once before any test runs.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: one test file at a time per core keeps timing-sensitive worker tests stable.
    maxWorkers: 2,
    // Long files first on a clean clone, where vitest has no timings (test/sequencer.ts).
    sequence: { sequencer: LongFirstSequencer },
  },
});
