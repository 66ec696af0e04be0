/**
 * The quorum-reader exercise's manifest entry: files, hints, published constants, checks.
 */
import { DEFAULT_LEADERLESS_TIMING } from '../../cluster/index.ts';
import { defineExercise } from '../define-exercise.ts';
import type { ExerciseEntry } from '../exercise-entry.ts';
import { quorumClusterChecks } from './cluster-checks.ts';
import { quorumConfigChecks } from './config-checks.ts';
import { quorumLinearizableChecks } from './linearizable-checks.ts';
import { SLOW_REPLICA_MS } from './scenarios.ts';

export const quorumReaderExercise: ExerciseEntry = defineExercise({
  id: 'quorum-reader',
  title: 'Quorum reader: r replies, the newest version, read repair',
  section: '5.2',
  heading: '5.2 Quorum consistency',
  formerNumber: '04',
  /** Required exports only: `quorumReadLinearizable` is optional (its check skips when it is absent). */
  exports: ['checkQuorumConfig', 'quorumRead'],
  hints: [
    'A read must not wait for the slowest replica, and must not give up while r replies are still possible. Ask every home replica at once, then react to each reply or failure as it comes in: what is the exact moment you know enough to answer, either way?',
    'Keep two counters. At the r-th successful reply, answer with the reply of highest version among those you have (not the first or the last to arrive) and write that value back to every replier that showed an older version. Each failure leaves one fewer possible reply: once failures > n − r, reject with QuorumError. After you settled, ignore whatever arrives.',
    'return new Promise((resolve, reject) => { for (const id of replicas.ids) replicas.read(id).then(onReply(id), onFailure) }); onReply: push, and when replies.length === config.r: newest = max by version; for each reply with version < newest.version call replicas.repair(id, newest).catch(() => {}); resolve(newest). onFailure: if (++failures > config.n - config.r) reject(new QuorumError(...)). Guard both with a settled flag.',
  ],
  constants: { replicaTimeoutMs: DEFAULT_LEADERLESS_TIMING.replicaTimeoutMs, slowReplicaMs: SLOW_REPLICA_MS, readDeadlineMs: DEFAULT_LEADERLESS_TIMING.readDeadlineMs },
  groups: [quorumConfigChecks, quorumClusterChecks, quorumLinearizableChecks],
  schedules: 30,
  seed: 20_062,
});
