/** Buggy and correct concurrent-writes variants, graded exactly as a learner's file is. */
import { variantSuite } from './variant-suite.ts';

variantSuite(
  'concurrent-writes',
  [
    'context-of-first-sibling',
    'last-write-wins',
    'merge-carts-first-sibling',
    'merge-keeps-dominated',
    'merge-no-dedupe',
    'merge-prefers-bigger-set',
    'write-clock-not-raised',
    'write-counter-from-context',
    'write-keeps-everything',
  ],
  ['frozen-and-sorted', 'partition-then-rebuild'],
);
