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
  hints: {
    ladders: {
      'config': [
        "Which values of n, w and r can a real store not run with at all, and for the ones it can run with: when must a set of r replicas and a set of w replicas out of the same n share a replica?",
        "A store needs at least one replica, and it can neither wait for more acknowledgements or replies than it has replicas nor for fewer than one; fractions make no sense. Two sets drawn from n replicas must overlap exactly when their sizes add up to more than n (the pigeonhole principle); with a total of n or less they can be disjoint.",
        "checkQuorumConfig: { ok: false, reason } unless n, w and r are whole numbers with n >= 1, 1 <= w <= n and 1 <= r <= n; otherwise { ok: true, overlapping: r + w > n }.",
      ],
      'newest-reply': [
        "Your r replies may carry different versions of the key. Which one of them is the value a read that started after the last acknowledged write must return, and does the order the replies arrived in say anything about that?",
        "Replies arrive in network order, not version order: the first or the last reply can be the stale one. With r + w > n at least one of your r replies holds the newest acknowledged write, and versions only grow, so the highest version among the replies you have is the one to return, exactly as that replica reported it (its value and its version together).",
        "quorumRead: at the r-th reply, newest = the reply with the greatest version among the replies so far; resolve(newest), the reply object itself, not a mix of fields from several replies.",
      ],
      'when-to-answer': [
        "A read asks replicas that may be slow, down or frozen. At which exact moment do you know enough to answer, and at which exact moment do you know that you never will?",
        "Waiting for one replica before asking the next makes every read as slow as the slowest replica, so ask all n at once. After r successful replies you are done; waiting longer only adds latency. Each failure leaves one fewer possible reply, so r replies are impossible only after more than n − r failures; giving up earlier fails reads that would have succeeded. Settle your promise once and ignore whatever arrives after that.",
        "quorumRead: return new Promise((resolve, reject) => { for each id of replicas.ids: replicas.read(id).then(onReply, onFailure) }); onReply: record it, and when replies.length === config.r resolve; onFailure: if (++failures > config.n - config.r) reject(new QuorumError(...)); guard both with a settled flag.",
      ],
      'read-repair': [
        "Some of your repliers answered with an older version than the one you return. What can the read do so that the next reader of those replicas does not see that old version again?",
        "The reader already knows the newest version and which repliers lag behind it, so it can write the newest value back to them (read repair). Only repliers that showed an older version need it; a repair is a message that may fail, so catch its rejection, and the read need not wait for it.",
        "quorumRead: after picking newest, for each reply with reply.version < newest.version call replicas.repair(id, newest).catch(() => {}), then resolve(newest).",
      ],
      'linearizable': [
        "A plain quorum read can return a version that only one replica holds so far. A later read asks r other replicas: what must be true of the value you returned before you resolve, so that every later read's r replicas meet it?",
        "Once w replicas hold the chosen version (or a newer one), any later read's r replicas overlap them (r + w > n) and cannot go back in time. Repliers that showed that version already count; every other home replica, including ones that never replied, needs a repair, and each acknowledged repair adds one holder. If w holders, or r replies, can no longer be had, the read fails.",
        "quorumReadLinearizable: collect r replies as in quorumRead and pick newest; holders = repliers with version >= newest.version; send repair(id, newest) to every other home replica and add id to holders when it resolves; resolve(newest) once holders.size >= config.w; reject(new QuorumError(...)) once more than n − r reads failed or more than n − w repairs failed.",
      ],
    },
    byCheck: {
      'config-rejects-invalid': 'config',
      'config-reports-overlap': 'config',
      'cluster-no-stale-read': 'newest-reply',
      'cluster-no-invented-value': 'newest-reply',
      'cluster-read-availability': 'when-to-answer',
      'cluster-read-repair': 'read-repair',
      'cluster-linearizable-read': 'linearizable',
    },
  },
  constants: { replicaTimeoutMs: DEFAULT_LEADERLESS_TIMING.replicaTimeoutMs, slowReplicaMs: SLOW_REPLICA_MS, readDeadlineMs: DEFAULT_LEADERLESS_TIMING.readDeadlineMs },
  groups: [quorumConfigChecks, quorumClusterChecks, quorumLinearizableChecks],
  schedules: 30,
  seed: 20_062,
});
