/**
 * The concurrent-writes exercise's manifest entry: files, hints, published constants, checks.
 */
import { SIBLING_STORE_TIMING } from '../../cluster/index.ts';
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { cartChecks } from './cart-checks.ts';
import { concurrentWritesClusterChecks } from './cluster-checks.ts';
import { mergeChecks } from './merge-checks.ts';
import { writeChecks } from './write-checks.ts';

export const concurrentWritesExercise: ExerciseEntry = defineExercise({
  id: 'concurrent-writes',
  title: 'Concurrent writes: siblings with version vectors',
  section: '5.3',
  heading: '5.3 Detecting concurrent writes',
  formerNumber: '07',
  exports: ['applyWrite', 'mergeReplicas', 'readContext', 'mergeCarts'],
  hints: {
    ladders: {
      'carts': [
        "Every sibling is a cart that some client saw and added to. Which items of which siblings may the merged cart leave out?",
        "None: an item in any sibling was added by someone, and the merge must keep it, once. (Removals would need tombstones, which this cart does not have.)",
        "mergeCarts: the union of every sibling's items, each once, e.g. [...new Set(siblings.flat())].",
      ],
      'write': [
        "A client writes with the context of its last read. Which of the values the replica holds did that client see, and which did it not?",
        "The client saw a sibling when the sibling's clock is before or equal to the context: those, and only those, its write replaces. Every other sibling was written concurrently and must stay. The new value's clock must be after the context, and after any value this replica already stamped, so its own entry has to go above every counter of this replica in sight, not just above the context's.",
        "applyWrite: kept = siblings whose compareClocks(s.clock, context) is neither 'before' nor 'equal'; top = the largest of context[node] and every s.clock[node] (missing = 0); return [...kept, { value, clock: { ...context, [node]: top + 1 } }]. readContext: merge every sibling's clock.",
      ],
      'replica-merge': [
        "Two replicas each hold a list of siblings. Which siblings of the union does a replica that has seen both lists still need?",
        "A sibling is obsolete when another sibling, from either side, is strictly after it; equal clocks are the same write and are kept once; concurrent ones all stay. The size of a list or the side a sibling came from says nothing about it.",
        "mergeReplicas: from [...a, ...b] keep s when no t has compareClocks(s.clock, t.clock) === 'before', and skip s when an equal clock was kept already.",
      ],
    },
    byCheck: {
      'merge-carts-keeps-every-item': 'carts',
      'write-replaces-what-it-saw': 'write',
      'write-counter-above-siblings': 'write',
      'merge-replicas-compares-by-meaning': 'replica-merge',
      'cluster-no-lost-concurrent-write': 'write',
      'cluster-siblings-merged-by-write': 'write',
      'cluster-overwritten-values-removed': 'replica-merge',
      'cluster-replicas-converge': 'replica-merge',
    },
  },
  constants: { ...SIBLING_STORE_TIMING },
  groups: [cartChecks, writeChecks, mergeChecks, concurrentWritesClusterChecks],
  schedules: 40,
  seed: 20_067,
  fixtures: {
    decisionOnly: {
      'merge-carts-first-sibling': 'the store never calls mergeCarts: a client merges the siblings of a read with it',
      'merge-carts-keeps-first-duplicates': 'the store never calls mergeCarts, and its carts never list an item twice',
      'merge-carts-drops-empty-item': 'the store never calls mergeCarts, and its carts never hold an empty-string item',
      'merge-carts-into-first-cart': 'the store never calls mergeCarts: a client merges the siblings of a read with it',
      'write-counter-ignores-context': "a replica's own siblings always hold the highest counter of that replica a context of its clients can carry",
      'merge-dedupe-by-json': "the store's copies of one write carry the clock the learner's applyWrite built, in one key order and with the same entries",
      'compare-counters-as-strings': 'a store run makes at most a few writes per replica, so no counter reaches 10',
      'write-counter-from-context':
        "each client of the store writes through its own replica, so no write's context lags behind that replica's own counter; clients sharing a replica need a dot per sibling (dotted version vectors), a learner-API change",
    },
  },
});
