/** Buggy and correct vector clocks, graded exactly as a learner's file is. */
import { variantSuite } from '../concurrent-writes/variant-suite.ts';

variantSuite(
  'vector-clock',
  [
    'compare-by-shape',
    'compare-first-clock-ids-only',
    'compare-never-concurrent',
    'increment-every-entry',
    'increment-mutates-input',
    'merge-ignores-new-ids',
    'merge-minimum',
    'merge-sums',
  ],
  ['frozen-results', 'reduce-and-strip-zeros'],
);
