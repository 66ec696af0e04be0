/**
 * The exercise manifest: every exercise, in workbook order (like rustlings' info.toml). This list is
 * the only order: it is pedagogical (strict quorums before sloppy ones, vector clocks before the
 * concurrent writes that use them), not the order of folder names or section numbers. The CLI lists,
 * checks and hints from it; `workbook dev verify` checks it against the files. Each entry lives beside
 * its exercise's checks (curriculum/<exercise>/entry.ts, declared with `defineExercise`); adding an
 * exercise is one line here.
 */
import type { ExerciseEntry } from './exercise-entry.ts';
import { failoverCoordinatorExercise } from './failover-coordinator/entry.ts';
import { replicationAckExercise } from './replication-ack/entry.ts';
import { replicationLogExercise } from './replication-log/entry.ts';
import { quorumReaderExercise } from './quorum-reader/entry.ts';
import { sloppyQuorumExercise } from './sloppy-quorum/entry.ts';
import { vectorClockExercise } from './vector-clock/entry.ts';
import { concurrentWritesExercise } from './concurrent-writes/entry.ts';

export type { ExerciseEntry };

export const EXERCISES: readonly ExerciseEntry[] = [replicationAckExercise, failoverCoordinatorExercise, replicationLogExercise, quorumReaderExercise, sloppyQuorumExercise, vectorClockExercise, concurrentWritesExercise];

/** The exercise named `id`, or undefined. */
export function findExercise(id: string): ExerciseEntry | undefined {
  return EXERCISES.find((e) => e.id === id);
}
