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
import { followerBootstrapExercise } from './follower-bootstrap/entry.ts';
import { replicationLogExercise } from './replication-log/entry.ts';
import { quorumReaderExercise } from './quorum-reader/entry.ts';
import { sloppyQuorumExercise } from './sloppy-quorum/entry.ts';
import { vectorClockExercise } from './vector-clock/entry.ts';
import { concurrentWritesExercise } from './concurrent-writes/entry.ts';
import { readYourWritesExercise } from './read-your-writes/entry.ts';
import { monotonicReadsExercise } from './monotonic-reads/entry.ts';
import { consistentPrefixExercise } from './consistent-prefix/entry.ts';
import { topologyRoutingExercise } from './topology-routing/entry.ts';
import { conflictResolutionExercise } from './conflict-resolution/entry.ts';
import { crdtCountersExercise } from './crdt-counters/entry.ts';
import { orSetExercise } from './or-set/entry.ts';
import { operationalTransformExercise } from './operational-transform/entry.ts';

export type { ExerciseEntry };

export const EXERCISES: readonly ExerciseEntry[] = [replicationAckExercise, followerBootstrapExercise, failoverCoordinatorExercise, replicationLogExercise, readYourWritesExercise, monotonicReadsExercise, consistentPrefixExercise, topologyRoutingExercise, conflictResolutionExercise, quorumReaderExercise, sloppyQuorumExercise, vectorClockExercise, concurrentWritesExercise, crdtCountersExercise, orSetExercise, operationalTransformExercise];

/** The exercise named `id`, or undefined. */
export function findExercise(id: string): ExerciseEntry | undefined {
  return EXERCISES.find((e) => e.id === id);
}
