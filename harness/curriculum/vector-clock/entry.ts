/**
 * The vector-clock exercise's manifest entry: files, hints, published constants, checks.
 */
import { SIBLING_STORE_TIMING } from '../../cluster/index.ts';
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { vectorClockIntegrationCheck } from './integration-check.ts';
import { vectorClockLawChecks } from './law-checks.ts';

export const vectorClockExercise: ExerciseEntry = defineExercise({
  id: 'vector-clock',
  title: 'Vector clocks: increment, merge, compare',
  section: '6.2',
  heading: '6.2 Version vectors',
  formerNumber: '06',
  exports: ['increment', 'merge', 'compare'],
  hints: {
    ladders: {
      'increment': [
        "A node records one new event of its own. Which entries of its clock should that change, and by how much?",
        "Only the node's own entry counts its own events: it goes up by one, every other entry stays as it was, and an entry the clock does not list yet starts from 0.",
        "increment: return a new object, a copy of clock with clock[node] set to (clock[node] ?? 0) + 1.",
      ],
      'merge': [
        "After merging, the clock must say the node has seen everything either clock had seen, and nothing more. For one node id, which number says exactly that?",
        "For each id, the larger of the two counters covers both histories, and anything smaller forgets events; a sum invents events that never happened. The ids to look at are those of both clocks: an id that only one clock lists still belongs in the result. Then merge is commutative, associative and idempotent.",
        "merge: out = { ...a }; for each [id, n] of b: out[id] = Math.max(out[id] ?? 0, n); return out.",
      ],
      'compare': [
        "Two clocks can be ordered, equal or neither. For one node id, what does it mean that a's counter is larger than b's, and which combinations of such facts over all ids give the four answers?",
        "a is before b when a is at most b at every id and below it at one or more; after is the mirror; equal when every id matches; concurrent when each clock is ahead at some id. Look at the ids of both clocks, and read a missing entry as 0, so {n1: 0} and {} are equal.",
        "compare: aAhead = some id of either clock with (a[id] ?? 0) > (b[id] ?? 0); bAhead = the mirror; return aAhead && bAhead ? 'concurrent' : aAhead ? 'after' : bAhead ? 'before' : 'equal'.",
      ],
      'values': [
        "The caller still holds the clock it gave you, and may give it to another call. What happens to that caller if your function writes into it?",
        "A clock is a value: every function returns a new object and leaves its arguments as they were, or a sibling or a message holding the same object silently changes. Spreading into a fresh object is enough, as counters are numbers.",
        "In each function, build the result in a fresh object ({ ...clock } or {}), never assign to a property of a or b, and return the fresh object.",
      ],
    },
    byCheck: {
      'increment-advances-one-entry': 'increment',
      'merge-laws': 'merge',
      'merge-least-upper-bound': 'merge',
      'compare-orders-clocks': 'compare',
      'missing-entry-counts-as-zero': 'compare',
      'inputs-not-mutated': 'values',
      'cluster-detects-concurrent-writes': 'compare',
    },
  },
  constants: { ...SIBLING_STORE_TIMING },
  groups: [vectorClockLawChecks, vectorClockIntegrationCheck],
  schedules: 20,
  seed: 20_066,
});
