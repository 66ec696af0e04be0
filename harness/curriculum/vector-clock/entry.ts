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
  hints: [
    'Treat a clock as a value: build a new object and return it, never write into the one you were given. And an id that a clock does not list is simply at 0.',
    'Every function has to look at the ids of BOTH clocks (the union of their keys), reading a missing one as 0. compare needs two facts: is a ahead of b at some id, and is b ahead of a at some id? The four answers are the four combinations.',
    'increment: { ...clock, [node]: (clock[node] ?? 0) + 1 }. merge: start from { ...a } and for each [id, n] of b take Math.max(out[id] ?? 0, n). compare: aAhead && bAhead → concurrent; aAhead → after; bAhead → before; else equal.',
  ],
  constants: { ...SIBLING_STORE_TIMING },
  groups: [vectorClockLawChecks, vectorClockIntegrationCheck],
  schedules: 20,
  seed: 20_066,
});
