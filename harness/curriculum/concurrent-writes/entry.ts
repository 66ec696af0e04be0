/**
 * The concurrent-writes exercise's manifest entry: files, hints, published constants, checks.
 */
import { SIBLING_STORE_TIMING } from '../../cluster/index.ts';
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { cartChecks } from './cart-checks.ts';
import { concurrentWritesClusterChecks } from './cluster-checks.ts';
import { writeChecks } from './write-checks.ts';

export const concurrentWritesExercise: ExerciseEntry = defineExercise({
  id: 'concurrent-writes',
  title: 'Concurrent writes: siblings with version vectors',
  section: '5.3',
  heading: '5.3 Detecting concurrent writes',
  formerNumber: '07',
  exports: ['applyWrite', 'mergeReplicas', 'readContext', 'mergeCarts'],
  hints: [
    'A client sends back the context of its last read. Which of the values the replica holds did that client see? Those, and only those, its write replaces; every other value was written concurrently and must stay.',
    'A sibling is covered by the context when compareClocks(sibling.clock, context) is "before" or "equal". The new value\'s clock must be after the context and fresh: the context, with this replica\'s own entry above every counter of that replica you can see. Between replicas, a sibling survives unless some other sibling (from either side) is strictly after it; keep one copy of equal ones.',
    'applyWrite: kept = siblings.filter(s => !covered(s.clock, context)); top = max(context[node], every s.clock[node]); return [...kept, { value, clock: { ...context, [node]: top + 1 } }]. mergeReplicas: from [...a, ...b] keep s if no t has compareClocks(s.clock, t.clock) === "before", skipping equal duplicates. readContext: merge every sibling clock. mergeCarts: the union of the items.',
  ],
  constants: { ...SIBLING_STORE_TIMING },
  groups: [cartChecks, writeChecks, concurrentWritesClusterChecks],
  schedules: 40,
  seed: 20_067,
  fixtures: {
    decisionOnly: {
      'merge-carts-first-sibling': 'the store never calls mergeCarts: a client merges the siblings of a read with it',
      'write-counter-from-context':
        "each client of the store writes through its own replica, so no write's context lags behind that replica's own counter; clients sharing a replica need a dot per sibling (dotted version vectors), a learner-API change",
    },
  },
});
